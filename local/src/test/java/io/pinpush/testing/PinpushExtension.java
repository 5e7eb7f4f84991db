package io.pinpush.testing;

import io.pinpush.local.LocalOptions;
import io.pinpush.local.LocalServer;
import java.net.URI;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/**
 * Runs the real local server (production Lambda handler behind real HTTP) on DynamoDB Local and moto's
 * Secrets Manager, once per test run, and hands tests a real AWS SDK {@link PinpointClient} pointed at it.
 * Tests isolate themselves by creating their own apps.
 */
public final class PinpushExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(PinpushExtension.class);

    /** Everything a test may ask for by parameter type. */
    public record Stack(MotoServer moto, LocalServer server, PinpointClient pinpoint) implements ExtensionContext.Store.CloseableResource {
        @Override
        public void close() {
            pinpoint.close();
            server.close();
            moto.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        Class<?> type = parameter.getParameter().getType();
        return type == PinpointClient.class || type == LocalServer.class || type == MotoServer.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        Stack stack = stack(context);
        Class<?> type = parameter.getParameter().getType();
        if (type == PinpointClient.class) return stack.pinpoint();
        if (type == LocalServer.class) return stack.server();
        return stack.moto();
    }

    static Stack stack(ExtensionContext context) {
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(Stack.class, key -> {
            MotoServer moto = MotoServer.start();
            LocalServer server = LocalServer.start(LocalOptions.defaults().withPort(0).inMemoryStorage()
                    // No in-process campaign tick: API tests see campaigns as stored; run tests tick by hand.
                    .with("PINPUSH_LOCAL_CAMPAIGN_TICK", "PT0S")
                    .with("PINPUSH_SECRET_STORE", "secretsmanager")
                    .with("PINPUSH_ENDPOINT_SECRETSMANAGER", moto.endpoint().toString())
                    // Import and export jobs read and write moto's S3.
                    .with("PINPUSH_ENDPOINT_S3", moto.endpoint().toString()));
            return new Stack(moto, server, pinpointClient(server.endpoint()));
        }, Stack.class);
    }

    public static PinpointClient pinpointClient(URI endpoint) {
        return PinpointClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
