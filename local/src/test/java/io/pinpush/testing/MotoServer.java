package io.pinpush.testing;

import io.pinpush.local.FreePorts;
import io.pinpush.local.Subprocesses;
import java.io.IOException;
import java.net.URI;
import java.time.Duration;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;

/** moto_server (preinstalled on this kind of machine) as a subprocess on a free port: the Secrets Manager emulator. */
public final class MotoServer implements AutoCloseable {

    private final Process process;
    private final URI endpoint;
    private SecretsManagerClient secretsManager;

    private MotoServer(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
    }

    public static MotoServer start() {
        int port = FreePorts.next();
        try {
            Process process = new ProcessBuilder("moto_server", "-H", "127.0.0.1", "-p", Integer.toString(port))
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.DISCARD)
                    .start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Subprocesses.awaitHttpAnswer(process, endpoint.resolve("/moto-api/"), Duration.ofSeconds(30),
                    "moto_server");
            return new MotoServer(process, endpoint);
        } catch (IOException e) {
            throw new IllegalStateException("moto_server could not be started; is it on the PATH?", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    /** A client of moto's Secrets Manager, to check what Pinpush stored there. */
    public synchronized SecretsManagerClient secretsManager() {
        if (secretsManager == null) {
            secretsManager = SecretsManagerClient.builder()
                    .endpointOverride(endpoint)
                    .region(Region.US_EAST_1)
                    .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                    .httpClient(UrlConnectionHttpClient.create())
                    .build();
        }
        return secretsManager;
    }

    @Override
    public synchronized void close() {
        if (secretsManager != null) {
            secretsManager.close();
        }
        process.destroy();
    }
}
