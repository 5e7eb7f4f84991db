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

/**
 * The queue that keeps dead-lettered messages that are not deliveries, for a person to look at. The dead-letter
 * settler moves them there itself rather than through a redrive policy on the dead-letter queue: a message keeps its
 * receive count when SQS (and ElasticMQ) moves it to a dead-letter queue, so a second redrive would pass a
 * dead-lettered delivery on before the settler ever saw it.
 */
public final class PoisonQueue {

    private static final Logger LOG = LoggerFactory.getLogger(PoisonQueue.class);
    /** The message attribute naming the dead-letter message a body came from. */
    static final String FROM_MESSAGE = "DeadLetterMessageId";

    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    public PoisonQueue(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /**
     * Puts each message's body on the poison queue. One SendMessage each: poison is rare, and any body may be up to
     * SQS's whole limit, so ten of them would not fit one SendMessageBatch call.
     *
     * @return the ids of the messages it did not take: they must stay where they are
     */
    public List<String> keep(List<QueuedMessage> messages) {
        List<String> notKept = new ArrayList<>();
        for (QueuedMessage message : messages) {
            try {
                sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(message.body())
                        .messageAttributes(Map.of(FROM_MESSAGE, MessageAttributeValue.builder()
                                .dataType("String").stringValue(message.messageId()).build())));
            } catch (SdkException e) {
                LOG.warn("Could not move poison message {} to the poison queue; it stays", message.messageId(), e);
                notKept.add(message.messageId());
            }
        }
        return notKept;
    }
}
