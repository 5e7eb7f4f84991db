package io.pinpush.messaging;

import io.pinpush.messaging.Dispatcher.QueuedMessage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.MessageAttributeValue;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The queue that keeps dead-lettered messages that are not deliveries, for a person to look at. The dead-letter
 * settler moves them there itself rather than through a redrive policy on the dead-letter queue: a message keeps its
 * receive count when SQS (and ElasticMQ) moves it to a dead-letter queue, so a second redrive would pass a
 * dead-lettered delivery on before the settler ever saw it.
 */
public final class PoisonQueue {

    private static final Logger LOG = LoggerFactory.getLogger(PoisonQueue.class);
    private static final int SQS_BATCH_LIMIT = 10;
    /** The message attribute naming the dead-letter message a body came from. */
    static final String FROM_MESSAGE = "DeadLetterMessageId";

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public PoisonQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * Puts each message's body on the poison queue, ten to a SendMessageBatch call.
     *
     * @return the ids of the messages it did not take: they must stay where they are
     */
    public List<String> keep(List<QueuedMessage> messages) {
        List<String> notKept = new ArrayList<>();
        for (int from = 0; from < messages.size(); from += SQS_BATCH_LIMIT) {
            List<QueuedMessage> call = messages.subList(from, Math.min(messages.size(), from + SQS_BATCH_LIMIT));
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < call.size(); i++) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                        .messageBody(call.get(i).body())
                        .messageAttributes(Map.of(FROM_MESSAGE, MessageAttributeValue.builder()
                                .dataType("String").stringValue(call.get(i).messageId()).build()))
                        .build());
            }
            try {
                SendMessageBatchResponse response = sqs.get().sendMessageBatch(b -> b.queueUrl(queueUrl).entries(entries));
                response.failed().forEach(failed -> notKept.add(call.get(Integer.parseInt(failed.id())).messageId()));
            } catch (SdkException e) {
                LOG.warn("Could not move {} poison messages to the poison queue; they stay", call.size(), e);
                call.forEach(message -> notKept.add(message.messageId()));
            }
        }
        return notKept;
    }
}
