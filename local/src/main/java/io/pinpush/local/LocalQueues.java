package io.pinpush.local;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the delivery queue (and the campaign work queue) as the CDK stack does: a dead-letter queue, and the delivery queue redriving to it
 * after {@code maxReceiveCount} receives (above the dispatcher's own attempt limit, so only poison messages and
 * deliveries that crash the dispatcher again and again end up there). The dead-letter queue has no redrive policy:
 * the dead-letter settler moves what is not a delivery to the poison queue itself.
 */
public final class LocalQueues {

    public static final String DELIVERY_QUEUE = "pinpush-deliveries";
    public static final String DEAD_LETTER_QUEUE = "pinpush-deliveries-dlq";
    public static final String POISON_QUEUE = "pinpush-deliveries-poison";
    /**
     * Short, so a dead-lettered delivery whose outcome could not be written is tried again within seconds; the
     * settler's work on a batch is one BatchGetItem and one batch of writes. (The stack's is six times the dead-letter
     * function's timeout, as Lambda asks.)
     */
    static final int DEAD_LETTER_VISIBILITY_TIMEOUT_SECONDS = 2;
    /** Long enough for a batch of provider calls; a message whose dispatcher died comes back after this. */
    static final int VISIBILITY_TIMEOUT_SECONDS = 60;

    private LocalQueues() {
    }

    public static final String CAMPAIGN_QUEUE = "pinpush-campaign-work";
    public static final String CAMPAIGN_DEAD_LETTER_QUEUE = "pinpush-campaign-work-dlq";
    /** A campaign work item that keeps failing this often goes to its dead-letter queue. */
    static final int CAMPAIGN_MAX_RECEIVES = 5;

    /** Creates the campaign work queue and its dead-letter queue, as the CDK stack does; returns the work queue's URL. */
    public static String createCampaignQueue(SqsClient sqs) {
        return create(sqs, CAMPAIGN_QUEUE, CAMPAIGN_DEAD_LETTER_QUEUE, CAMPAIGN_MAX_RECEIVES, VISIBILITY_TIMEOUT_SECONDS);
    }

    public static final String JOB_QUEUE = "pinpush-jobs";
    public static final String JOB_DEAD_LETTER_QUEUE = "pinpush-jobs-dlq";
    /** A job piece runs for up to a few minutes in Lambda (the function's timeout); locally seconds. */
    static final int JOB_VISIBILITY_TIMEOUT_SECONDS = 120;

    /**
     * The job runner's queue as the CDK stack creates it: a piece received more often than the runner's own
     * attempt limit (it counts a piece as failed on its last attempt) goes to the dead-letter queue.
     */
    public static String createJobQueue(SqsClient sqs, int maxReceiveCount) {
        return create(sqs, JOB_QUEUE, JOB_DEAD_LETTER_QUEUE, maxReceiveCount, JOB_VISIBILITY_TIMEOUT_SECONDS);
    }

    /** Creates the three queues (or finds them) and returns the delivery queue's URL. */
    public static String create(SqsClient sqs, int maxReceiveCount) {
        sqs.createQueue(b -> b.queueName(POISON_QUEUE));
        // The local dead-letter poller's short visibility timeout, set where the queue is created (once).
        return create(sqs, DELIVERY_QUEUE, DEAD_LETTER_QUEUE, Map.of(QueueAttributeName.VISIBILITY_TIMEOUT,
                Integer.toString(DEAD_LETTER_VISIBILITY_TIMEOUT_SECONDS)), maxReceiveCount, VISIBILITY_TIMEOUT_SECONDS);
    }

    /**
     * Creates {@code queue} (or finds it), redriving to {@code deadLetterQueue} (created too) after
     * {@code maxReceiveCount} receives, and returns its URL.
     */
    public static String create(SqsClient sqs, String queue, String deadLetterQueue, int maxReceiveCount,
                                int visibilityTimeoutSeconds) {
        return create(sqs, queue, deadLetterQueue, Map.of(), maxReceiveCount, visibilityTimeoutSeconds);
    }

    private static String create(SqsClient sqs, String queue, String deadLetterQueue,
                                 Map<QueueAttributeName, String> deadLetterAttributes, int maxReceiveCount,
                                 int visibilityTimeoutSeconds) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(deadLetterQueue).attributes(deadLetterAttributes)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
        return sqs.createQueue(b -> b.queueName(queue).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(visibilityTimeoutSeconds)))).queueUrl();
    }
}
