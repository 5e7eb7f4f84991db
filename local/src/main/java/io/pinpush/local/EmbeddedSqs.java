package io.pinpush.local;

import java.net.URI;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;

/** ElasticMQ, an SQS-compatible server, inside this JVM on a free port. Queues live in memory. */
public final class EmbeddedSqs implements AutoCloseable {

    public static final String ACCOUNT_ID = "000000000000";

    private final SQSRestServer server;
    private final int port;

    private EmbeddedSqs(SQSRestServer server, int port) {
        this.server = server;
        this.port = port;
    }

    public static EmbeddedSqs start(String region) {
        int port = FreePorts.next();
        SQSRestServer server = SQSRestServerBuilder.withPort(port).withInterface("localhost")
                .withAWSRegion(region).withAWSAccountId(ACCOUNT_ID).start();
        server.waitUntilStarted();
        return new EmbeddedSqs(server, port);
    }

    public URI endpoint() {
        return URI.create("http://localhost:" + port);
    }

    /** The URL ElasticMQ gives the queue of this name. */
    public String queueUrl(String queueName) {
        return endpoint() + "/" + ACCOUNT_ID + "/" + queueName;
    }

    @Override
    public void close() {
        server.stopAndWait();
    }
}
