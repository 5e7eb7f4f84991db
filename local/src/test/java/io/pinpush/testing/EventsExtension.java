package io.pinpush.testing;

import io.pinpush.local.KinesisLocal;
import io.pinpush.local.LocalOptions;
import io.pinpush.local.LocalServer;
import java.net.URI;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * A local server that streams events to kinesis-local, spills to an SQS queue in moto_server and assumes
 * destination roles through moto's STS; started once per test run, beside the one {@link PinpushExtension} runs.
 * Tests isolate themselves by creating their own apps and reading only their records.
 */
public final class EventsExtension implements ParameterResolver {

    private static final ExtensionContext.Namespace NAMESPACE = ExtensionContext.Namespace.create(EventsExtension.class);

    /** The deployment stream every app's events go to. */
    public static final String STREAM = "pinpush-events";

    public record EventsStack(KinesisLocal kinesis, MotoServer moto, LocalServer server, PinpointClient pinpoint,
                              SqsClient sqs, String spillQueueUrl) implements ExtensionContext.Store.CloseableResource {

        /** A fresh SQS queue in moto whose messages reappear one second after an unsuccessful receive. */
        public String createQueue(String prefix) {
            return sqs.createQueue(b -> b.queueName(prefix + "-" + UUID.randomUUID().toString().substring(0, 8))
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
        }

        public int approximateMessages(String queueUrl) {
            return sqs.getQueueAttributes(b -> b.queueUrl(queueUrl)
                    .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                            QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                    .attributesAsStrings().values().stream().mapToInt(Integer::parseInt).sum();
        }

        @Override
        public void close() {
            pinpoint.close();
            server.close();
            sqs.close();
            kinesis.close();
        }
    }

    @Override
    public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
        return parameter.getParameter().getType() == EventsStack.class;
    }

    @Override
    public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
        return stack(context);
    }

    static EventsStack stack(ExtensionContext context) {
        MotoServer moto = PinpushExtension.stack(context).moto();
        return context.getRoot().getStore(NAMESPACE).getOrComputeIfAbsent(EventsStack.class, key -> {
            KinesisLocal kinesis = KinesisLocal.start();
            SqsClient sqs = sqsClient(moto.endpoint());
            String spillQueue = sqs.createQueue(b -> b.queueName("pinpush-event-spill")
                    .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "1"))).queueUrl();
            LocalServer server = LocalServer.start(LocalOptions.defaults().withPort(0).inMemoryStorage()
                    .with("PINPUSH_ENDPOINT_KINESIS", kinesis.endpoint().toString())
                    .with("PINPUSH_EVENT_STREAM_NAME", STREAM)
                    .with("PINPUSH_ENDPOINT_SQS", moto.endpoint().toString())
                    .with("PINPUSH_EVENT_SPILL_QUEUE_URL", spillQueue)
                    .with("PINPUSH_ENDPOINT_STS", moto.endpoint().toString())
                    .with("PINPUSH_ENDPOINT_FIREHOSE", moto.endpoint().toString())
                    .with("PINPUSH_EVENT_FLUSH_INTERVAL", "PT0.05S"));
            return new EventsStack(kinesis, moto, server, PinpushExtension.pinpointClient(server.endpoint()), sqs,
                    spillQueue);
        }, EventsStack.class);
    }

    public static SqsClient sqsClient(URI endpoint) {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }
}
