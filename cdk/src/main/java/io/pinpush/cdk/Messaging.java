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
 * The delivery queue between the send path and the dispatcher, its dead-letter queue, the event stream, the
 * event spill queue (with its own dead-letter queue) that holds events a stream would not take until the spill
 * replayer writes them, and the campaign work queue (with its dead-letter queue) between the campaign tick and
 * the campaign runner.
 *
 * <p>The delivery queue's visibility timeout is six times the dispatcher's timeout, as Lambda's SQS integration
 * advises: a batch still being worked on (or retried by the poller) never becomes visible to a second
 * dispatcher. A message received {@code maxReceiveCount} times without being deleted moves to the
 * dead-letter queue, which keeps it for the longest time SQS allows.
 */
final class Messaging extends Construct {

    /** Lambda's SQS integration needs the visibility timeout to be at least six times the function timeout. */
    static final int VISIBILITY_TIMEOUT_FACTOR = 6;

    /** The spill replayer's timeout: a batch of ten spilled batches, each written with a few backed-off retries. */
    static final int SPILL_REPLAY_TIMEOUT_SECONDS = 60;

    /**
     * Replays of one spill message before it moves to the spill dead-letter queue. A failed replay leaves the
     * message invisible for the visibility timeout (6 min), so this rides out about an hour of a destination
     * being down (plus the respill delays of partly written batches) before an operator has to look.
     */
    static final int SPILL_MAX_RECEIVE_COUNT = 10;

    final Queue deadLetterQueue;
    final Queue deliveryQueue;
    final Stream eventStream;
    final Queue eventSpillDeadLetterQueue;
    final Queue eventSpillQueue;
    final Queue campaignDeadLetterQueue;
    final Queue campaignQueue;

    /** The campaign runner's timeout: one endpoint shard of a run (read, judged, claimed, rendered, queued). */
    static final int CAMPAIGN_RUNNER_TIMEOUT_SECONDS = 300;
    /** Attempts at one campaign work item before it moves to the campaign dead-letter queue. */
    static final int CAMPAIGN_MAX_RECEIVE_COUNT = 5;

    Messaging(Construct scope, String id, StackSettings settings, IKey key, RemovalPolicy dataRemoval) {
        super(scope, id);
        deadLetterQueue = deadLetterQueue("DeadLetterQueue", settings.prefix() + "-deliveries-dlq", key, dataRemoval);
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

        // Spilled events are data: kept as long as SQS allows, encrypted like the stream they were meant for.
        eventSpillDeadLetterQueue = deadLetterQueue("EventSpillDeadLetterQueue", settings.prefix() + "-events-spill-dlq",
                key, dataRemoval);
        eventSpillQueue = Queue.Builder.create(this, "EventSpillQueue")
                .queueName(settings.prefix() + "-events-spill")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .dataKeyReuse(Duration.minutes(5))
                .visibilityTimeout(Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * SPILL_REPLAY_TIMEOUT_SECONDS))
                .retentionPeriod(Duration.days(14))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(eventSpillDeadLetterQueue)
                        .maxReceiveCount(SPILL_MAX_RECEIVE_COUNT)
                        .build())
                .enforceSsl(true)
                .removalPolicy(dataRemoval)
                .build();

        // Campaign work items (one endpoint shard of a run each): the tick fills the queue, the runner drains it.
        campaignDeadLetterQueue = deadLetterQueue("CampaignDeadLetterQueue", settings.prefix() + "-campaign-work-dlq",
                key, dataRemoval);
        campaignQueue = Queue.Builder.create(this, "CampaignQueue")
                .queueName(settings.prefix() + "-campaign-work")
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .dataKeyReuse(Duration.minutes(5))
                .visibilityTimeout(Duration.seconds(VISIBILITY_TIMEOUT_FACTOR * CAMPAIGN_RUNNER_TIMEOUT_SECONDS))
                .retentionPeriod(Duration.days(4))
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(campaignDeadLetterQueue)
                        .maxReceiveCount(CAMPAIGN_MAX_RECEIVE_COUNT)
                        .build())
                .enforceSsl(true)
                .removalPolicy(dataRemoval)
                .build();
    }

    /** A dead-letter queue: encrypted with the stack key, TLS only, kept for the longest time SQS allows. */
    private Queue deadLetterQueue(String id, String name, IKey key, RemovalPolicy dataRemoval) {
        return Queue.Builder.create(this, id)
                .queueName(name)
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .retentionPeriod(Duration.days(14))
                .enforceSsl(true)
                .removalPolicy(dataRemoval)
                .build();
    }
}
