package io.pinpush.local;

import com.amazonaws.services.dynamodbv2.local.main.ServerRunner;
import com.amazonaws.services.dynamodbv2.local.server.DynamoDBProxyServer;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * DynamoDB Local inside this JVM, persisting to a folder or held in memory.
 * sqlite4java finds its native libraries through {@code sqlite4java.library.path} (set by the launcher
 * script and by the test configuration).
 */
public final class EmbeddedDynamoDb implements AutoCloseable {

    private final DynamoDBProxyServer server;
    private final int port;

    private EmbeddedDynamoDb(DynamoDBProxyServer server, int port) {
        this.server = server;
        this.port = port;
    }

    /** Starts on a free port; {@code dataDir} null means in memory. */
    public static EmbeddedDynamoDb start(Path dataDir) {
        int port = FreePorts.next();
        try {
            String[] args = dataDir == null
                    ? new String[] {"-inMemory", "-port", Integer.toString(port), "-disableTelemetry"}
                    : new String[] {"-dbPath", Files.createDirectories(dataDir).toString(), "-port",
                            Integer.toString(port), "-disableTelemetry"};
            DynamoDBProxyServer server = ServerRunner.createServerFromCommandLineArgs(args);
            server.start();
            return new EmbeddedDynamoDb(server, port);
        } catch (IOException e) {
            throw new IllegalStateException("Cannot create the DynamoDB data folder " + dataDir, e);
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start (is sqlite4java.library.path set?)", e);
        }
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not stop cleanly", e);
        }
    }
}
