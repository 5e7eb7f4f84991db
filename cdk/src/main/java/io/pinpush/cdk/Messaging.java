package io.pinpush.cdk;

import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.kinesis.Stream;
import software.amazon.awscdk.services.kinesis.StreamEncryption;
import software.amazon.awscdk.services.kinesis.StreamMode;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The delivery queue between the send path and the dispatcher, its dead-letter queue, and the event stream.
 *
 * <p>The queue's visibility timeout is six times the dispatcher's timeout, as Lambda's SQS integration
 * advises: a batch still being worked on (or retried by the poller) never becomes visible to a second
 * dispatcher. A message received {@code maxReceiveCount} times without being deleted moves to the
 * dead-letter queue, which keeps it for the longest time SQS allows.
 */
final class Messaging extends Construct {

    /** Lambda's SQS integration needs the visibility timeout to be at least six times the function timeout. */
    static final int VISIBILITY_TIMEOUT_FACTOR = 6;

    final Queue deadLetterQueue;
    final Queue deliveryQueue;
    final Stream eventStream;

    Messaging(Construct scope, String id, StackSettings settings, IKey key, RemovalPolicy dataRemoval) {
        super(scope, id);
        deadLetterQueue = Queue.Builder.create(this, "DeadLetterQueue")
                .queueName(settings.prefix() + "-deliveries-dlq")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .retentionPeriod(Duration.days(14))
                .enforceSsl(true)
                .removalPolicy(dataRemoval)
                .build();
        deliveryQueue = Queue.Builder.create(this, "DeliveryQueue")
                .queueName(settings.prefix() + "-deliveries")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                // One data key per five minutes instead of a KMS call per message.
                .dataKeyReuse(Duration.minutes(5))
                .visibilityTimeout(Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * settings.dispatcherTimeoutSeconds()))
                .retentionPeriod(Duration.days(settings.queueRetentionDays()))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetterQueue)
                        .maxReceiveCount(settings.maxReceiveCount())
                        .build())
                .enforceSsl(true)
                .removalPolicy(dataRemoval)
                .build();
        eventStream = Stream.Builder.create(this, "EventStream")
                .streamName(settings.prefix() + "-events")
                .streamMode(StreamMode.ON_DEMAND)
                .encryption(StreamEncryption.KMS)
                .encryptionKey(key)
                .retentionPeriod(Duration.hours(settings.streamRetentionHours()))
                .build();
        eventStream.applyRemovalPolicy(dataRemoval);
    }
}
