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
 * The delivery queue between the send path and the dispatcher, its dead-letter queue (and that queue's poison
 * queue), the event stream, the event spill queue (with its own dead-letter queue) that holds events a stream would
 * not take until the spill replayer writes them, the job queue (with its dead-letter queue) of import and export
 * work, and the campaign work queue (with its dead-letter queue) between the campaign tick and the campaign runner.
 *
 * <p>The delivery queue's visibility timeout is six times the dispatcher's timeout, as Lambda's SQS integration
 * advises: a batch still being worked on (or retried by the poller) never becomes visible to a second
 * dispatcher. A message received {@code maxReceiveCount} times without being deleted moves to the
 * dead-letter queue, where the dead-letter function gives each delivery without an outcome its outcome.
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

    /** The job runner's timeout: one piece (2,000 rows, or one endpoint shard of an export) per invocation. */
    static final int JOB_RUNNER_TIMEOUT_SECONDS = 300;

    /**
     * Receives of one job message before it moves to the job dead-letter queue: one more than the runner's own
     * attempts, since the runner counts a piece as failed (and deletes it) on its last attempt.
     */
    static final int JOB_MAX_RECEIVE_COUNT = io.pinpush.jobs.JobRunner.PIECE_ATTEMPTS + 1;

    /**
     * The dead-letter function's timeout: one batch of ten dead-lettered messages, a BatchGetItem and a batch of
     * conditional writes.
     */
    static final int DEAD_LETTER_TIMEOUT_SECONDS = 60;

    final Queue poisonQueue;
    final Queue deadLetterQueue;
    final Queue deliveryQueue;
    final Stream eventStream;
    final Queue eventSpillDeadLetterQueue;
    final Queue eventSpillQueue;
    final Queue jobDeadLetterQueue;
    final Queue jobQueue;
    final Queue campaignDeadLetterQueue;
    final Queue campaignQueue;

    /** The campaign runner's timeout: one endpoint shard of a run (read, judged, claimed, rendered, queued). */
    static final int CAMPAIGN_RUNNER_TIMEOUT_SECONDS = 300;
    /** Attempts at one campaign work item before it moves to the campaign dead-letter queue. */
    static final int CAMPAIGN_MAX_RECEIVE_COUNT = 5;

    Messaging(Construct scope, String id, StackSettings settings, IKey key, RemovalPolicy dataRemoval) {
        super(scope, id);
        // What the dispatcher never settled goes to the dead-letter queue, where the dead-letter function records its
        // outcome and moves what is not a delivery at all to the poison queue, for a person. No redrive policy on the
        // dead-letter queue: a message keeps its receive count when it is dead-lettered, so a second redrive would
        // pass deliveries on unsettled, and one whose outcome cannot be written yet must wait, not move on.
        poisonQueue = deadLetterQueue("PoisonQueue", settings.prefix() + "-deliveries-poison", key, dataRemoval);
        deadLetterQueue = queue("DeadLetterQueue", settings.prefix() + "-deliveries-dlq", key,
                VISIBILITY_TIMEOUT_FACTOR * DEAD_LETTER_TIMEOUT_SECONDS, 14, null, 0, dataRemoval);
        deliveryQueue = queue("DeliveryQueue", settings.prefix() + "-deliveries", key,
                VISIBILITY_TIMEOUT_FACTOR * settings.dispatcherTimeoutSeconds(), settings.queueRetentionDays(),
                deadLetterQueue, settings.maxReceiveCount(), dataRemoval);
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
        eventSpillQueue = queue("EventSpillQueue", settings.prefix() + "-events-spill", key,
                VISIBILITY_TIMEOUT_FACTOR * SPILL_REPLAY_TIMEOUT_SECONDS, 14, eventSpillDeadLetterQueue,
                SPILL_MAX_RECEIVE_COUNT, dataRemoval);

        // Import and export work: a job's start and its pieces, drained by the job runner.
        jobDeadLetterQueue = deadLetterQueue("JobDeadLetterQueue", settings.prefix() + "-jobs-dlq", key, dataRemoval);
        jobQueue = queue("JobQueue", settings.prefix() + "-jobs", key,
                VISIBILITY_TIMEOUT_FACTOR * JOB_RUNNER_TIMEOUT_SECONDS, 4, jobDeadLetterQueue, JOB_MAX_RECEIVE_COUNT,
                dataRemoval);

        // Campaign work items (one endpoint shard of a run each): the tick fills the queue, the runner drains it.
        campaignDeadLetterQueue = deadLetterQueue("CampaignDeadLetterQueue", settings.prefix() + "-campaign-work-dlq",
                key, dataRemoval);
        campaignQueue = queue("CampaignQueue", settings.prefix() + "-campaign-work", key,
                VISIBILITY_TIMEOUT_FACTOR * CAMPAIGN_RUNNER_TIMEOUT_SECONDS, 4, campaignDeadLetterQueue,
                CAMPAIGN_MAX_RECEIVE_COUNT, dataRemoval);
    }

    /** A dead-letter queue: encrypted with the stack key, TLS only, keeping messages as long as SQS allows. */
    private Queue deadLetterQueue(String id, String name, IKey key, RemovalPolicy removal) {
        return Queue.Builder.create(this, id)
                .queueName(name)
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                .retentionPeriod(Duration.days(14))
                .enforceSsl(true)
                .removalPolicy(removal)
                .build();
    }

    /**
     * A work queue: encrypted, TLS only, moving a message to {@code deadLetters} after {@code maxReceiveCount}
     * receives; none for a null {@code deadLetters}.
     */
    private Queue queue(String id, String name, IKey key, int visibilitySeconds, int retentionDays, Queue deadLetters,
                        int maxReceiveCount, RemovalPolicy removal) {
        return Queue.Builder.create(this, id)
                .queueName(name)
                .encryption(QueueEncryption.KMS)
                .encryptionMasterKey(key)
                // One data key per five minutes instead of a KMS call per message.
                .dataKeyReuse(Duration.minutes(5))
                .visibilityTimeout(Duration.seconds(visibilitySeconds))
                .retentionPeriod(Duration.days(retentionDays))
                .deadLetterQueue(deadLetters == null ? null : DeadLetterQueue.builder()
                        .queue(deadLetters)
                        .maxReceiveCount(maxReceiveCount)
                        .build())
                .enforceSsl(true)
                .removalPolicy(removal)
                .build();
    }
}
