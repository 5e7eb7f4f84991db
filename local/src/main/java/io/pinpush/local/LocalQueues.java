package io.pinpush.local;

import java.util.Map;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * Creates the delivery queue (and the campaign work queue) as the CDK stack does: a dead-letter queue, and the delivery queue redriving to it
 * after {@code maxReceiveCount} receives (above the dispatcher's own attempt limit, so only poison messages and
 * deliveries that crash the dispatcher again and again end up there).
 */
public final class LocalQueues {

    public static final String DELIVERY_QUEUE = "pinpush-deliveries";
    public static final String DEAD_LETTER_QUEUE = "pinpush-deliveries-dlq";
    /** Long enough for a batch of provider calls; a message whose dispatcher died comes back after this. */
    static final int VISIBILITY_TIMEOUT_SECONDS = 60;

    private LocalQueues() {
    }

    public static final String CAMPAIGN_QUEUE = "pinpush-campaign-work";
    public static final String CAMPAIGN_DEAD_LETTER_QUEUE = "pinpush-campaign-work-dlq";
    /** A campaign work item that keeps failing this often goes to its dead-letter queue. */
    static final int CAMPAIGN_MAX_RECEIVES = 5;

    /** Creates both queues (or finds them) and returns the delivery queue's URL. */
    public static String create(SqsClient sqs, int maxReceiveCount) {
        return createWithDeadLetter(sqs, DELIVERY_QUEUE, DEAD_LETTER_QUEUE, maxReceiveCount);
    }

    /** Creates the campaign work queue and its dead-letter queue, as the CDK stack does; returns the work queue's URL. */
    public static String createCampaignQueue(SqsClient sqs) {
        return createWithDeadLetter(sqs, CAMPAIGN_QUEUE, CAMPAIGN_DEAD_LETTER_QUEUE, CAMPAIGN_MAX_RECEIVES);
    }

    private static String createWithDeadLetter(SqsClient sqs, String name, String deadLetterName, int maxReceiveCount) {
        String dlqUrl = sqs.createQueue(b -> b.queueName(deadLetterName)).queueUrl();
        String dlqArn = sqs.getQueueAttributes(b -> b.queueUrl(dlqUrl).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes().get(QueueAttributeName.QUEUE_ARN);
        String redrive = "{\"deadLetterTargetArn\":\"" + dlqArn + "\",\"maxReceiveCount\":\"" + maxReceiveCount + "\"}";
        return sqs.createQueue(b -> b.queueName(name).attributes(Map.of(
                QueueAttributeName.REDRIVE_POLICY, redrive,
                QueueAttributeName.VISIBILITY_TIMEOUT, Integer.toString(VISIBILITY_TIMEOUT_SECONDS)))).queueUrl();
    }
}
