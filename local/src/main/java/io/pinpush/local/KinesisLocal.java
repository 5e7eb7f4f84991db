package io.pinpush.local;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * The Kinesis emulator from the npm package {@code kinesis-local} (kinesis-mock), as a Node subprocess on a port of
 * our choosing. Installed with npm into {@code <repo>/.cache/kinesis-local} (git-ignored) on first use.
 */
public final class KinesisLocal implements AutoCloseable {

    public static final String PACKAGE = "kinesis-local@0.6.2";

    private final Process process;
    private final URI endpoint;
    private final KinesisClient client;

    private KinesisLocal(Process process, URI endpoint) {
        this.process = process;
        this.endpoint = endpoint;
        this.client = KinesisClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public static KinesisLocal start() {
        return start(FreePorts.next());
    }

    /** Starts on {@code port}; a test that simulates an outage points Pinpush there before the emulator runs. */
    public static KinesisLocal start(int port) {
        Path main = install();
        ProcessBuilder builder = new ProcessBuilder("node", main.toString())
                .redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        builder.environment().put("KINESIS_MOCK_PLAIN_PORT", Integer.toString(port));
        builder.environment().put("KINESIS_MOCK_TLS_PORT", Integer.toString(FreePorts.next()));
        builder.environment().put("KINESIS_MOCK_CERT_PATH", main.resolveSibling("server.json").toString());
        builder.environment().put("CREATE_STREAM_DURATION", "10ms");
        builder.environment().put("AWS_REGION", "us-east-1");
        try {
            Process process = builder.start();
            URI endpoint = URI.create("http://127.0.0.1:" + port);
            Subprocesses.awaitHttpAnswer(process, endpoint, Duration.ofSeconds(60), "kinesis-local");
            return new KinesisLocal(process, endpoint);
        } catch (IOException e) {
            throw new IllegalStateException("kinesis-local could not be started; is node on the PATH?", e);
        }
    }

    /** The emulator's main.js, installed with npm if this checkout does not have it yet. */
    static synchronized Path install() {
        Path root = Path.of(System.getProperty("pinpush.repo.root", ".")).toAbsolutePath();
        Path folder = root.resolve(".cache/kinesis-local");
        Path main = folder.resolve("node_modules/kinesis-local/main.js");
        if (Files.exists(main)) {
            return main;
        }
        try {
            Files.createDirectories(folder);
            Process npm = new ProcessBuilder("npm", "install", "--no-save", "--no-audit", "--no-fund",
                    "--prefix", folder.toString(), PACKAGE)
                    .redirectErrorStream(true)
                    .start();
            String output = new String(npm.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0 || !Files.exists(main)) {
                throw new IllegalStateException("npm install " + PACKAGE + " failed:\n" + output);
            }
            return main;
        } catch (IOException e) {
            throw new IllegalStateException("npm could not be run; is it on the PATH?", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public KinesisClient client() {
        return client;
    }

    public String streamArn(String name) {
        return "arn:aws:kinesis:us-east-1:000000000000:stream/" + name;
    }

    /** Creates a stream and waits until it is ACTIVE. */
    public void createStream(String name, int shards) {
        client.createStream(b -> b.streamName(name).shardCount(shards));
        client.waiter().waitUntilStreamExists(b -> b.streamName(name));
    }

    /** Every record in the stream so far, shard by shard from the beginning. */
    public List<Record> records(String stream) {
        List<Record> records = new ArrayList<>();
        for (Shard shard : client.listShards(b -> b.streamName(stream)).shards()) {
            String iterator = client.getShardIterator(b -> b.streamName(stream).shardId(shard.shardId())
                    .shardIteratorType(ShardIteratorType.TRIM_HORIZON)).shardIterator();
            while (iterator != null) {
                String current = iterator;
                GetRecordsResponse page = client.getRecords(b -> b.shardIterator(current).limit(10_000));
                records.addAll(page.records());
                if (page.records().isEmpty() || page.millisBehindLatest() == null || page.millisBehindLatest() == 0) {
                    break;
                }
                iterator = page.nextShardIterator();
            }
        }
        return records;
    }

    @Override
    public void close() {
        client.close();
        process.destroy();
        try {
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
