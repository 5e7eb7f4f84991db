package io.pinpush.events;

import io.pinpush.api.Json;
import java.time.Duration;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Writes spilled records to the destinations they were meant for, once those take them again.
 *
 * <p>A spill message is deleted only when all of its records were written. When some were, the rest go back to
 * the spill (held back a while) and the message is deleted; when none were, the message stays and reappears
 * after its visibility timeout, so the queue's redrive policy counts the failed attempts.
 */
public final class SpillReplayer {

    private static final Logger LOG = LoggerFactory.getLogger(SpillReplayer.class);
    static final Duration RESPILL_DELAY = Duration.ofMinutes(1);

    /** Asked for when replaying, so that building the composition root does not build the SQS client. */
    private final Supplier<SqsClient> sqs;
    private final String queueUrl;
    private final DestinationSinks sinks;
    private final BatchWriter writer;
    private final EventSpill spill;

    /** {@code sqs} should hand out one client, made once ({@code AwsClients::sqs}). */
    public SpillReplayer(Supplier<SqsClient> sqs, String queueUrl, DestinationSinks sinks, BatchWriter writer,
                         EventSpill spill) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
        this.sinks = sinks;
        this.writer = writer;
        this.spill = spill;
    }

    /** What one drain did. */
    public record Result(int messages, int recordsWritten, int messagesLeft) {
    }

    /**
     * Replays one spill message body (the SQS-triggered function calls this per message).
     *
     * @return true when the message is done with (every record written, or the rest spilled again); false when
     *         nothing could be written and the message should be tried again later
     */
    public boolean replay(String body) {
        return replayCounting(body) >= 0;
    }

    /** @return records written, or -1 when none could be */
    private int replayCounting(String body) {
        SpilledBatch batch = Json.read(body, SpilledBatch.class);
        List<StreamRecord> unwritten;
        try {
            unwritten = writer.writeAll(sinks.sinkFor(batch.destination()), batch.records());
        } catch (RuntimeException noSink) {
            LOG.warn("Cannot replay to {}: {}", batch.destination(), noSink.toString());
            return -1;
        }
        int written = batch.records().size() - unwritten.size();
        if (written == 0 && !unwritten.isEmpty()) {
            return -1;
        }
        if (!unwritten.isEmpty()) {
            spill.spill(batch.destination(), unwritten, RESPILL_DELAY);
        }
        return written;
    }

    /**
     * Drains the spill queue until it is empty or a whole round of messages found their destinations still
     * unavailable; at most {@code maxMessages} messages.
     */
    public Result drain(int maxMessages) {
        int messages = 0;
        int written = 0;
        int left = 0;
        while (messages < maxMessages) {
            int want = Math.min(10, maxMessages - messages);
            List<Message> received = sqs.get().receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(want)
                    .waitTimeSeconds(0)).messages();
            if (received.isEmpty()) {
                break;
            }
            boolean progressed = false;
            for (Message message : received) {
                messages++;
                int count = replayCounting(message.body());
                if (count < 0) {
                    left++;
                    continue;
                }
                written += count;
                progressed = true;
                sqs.get().deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
            if (!progressed) {
                break;
            }
        }
        if (messages > 0) {
            LOG.info("Event spill replay: {} messages, {} records written, {} messages left", messages, written, left);
        }
        return new Result(messages, written, left);
    }
}
