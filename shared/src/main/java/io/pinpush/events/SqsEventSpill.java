package io.pinpush.events;

import io.pinpush.api.Json;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The event spill queue (setting {@code PINPUSH_EVENT_SPILL_QUEUE_URL}): records a stream would not take, as
 * {@link SpilledBatch} messages of at most 256 KiB each. Its messages are drained by the {@link SpillReplayer}.
 */
public final class SqsEventSpill implements EventSpill {

    private static final Logger LOG = LoggerFactory.getLogger(SqsEventSpill.class);

    /** SQS's message size limit, less room for the message envelope. */
    static final int MAX_MESSAGE_BYTES = 256 * 1024 - 1024;
    private static final int MAX_DELAY_SECONDS = 900;

    /** Asked for at each spill: a function that never spills never builds the SQS client. */
    private final Supplier<SqsClient> sqs;
    private final String queueUrl;

    /** {@code sqs} should hand out one client, made once ({@code AwsClients::sqs}). */
    public SqsEventSpill(Supplier<SqsClient> sqs, String queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    @Override
    public void spill(Destination destination, List<StreamRecord> records, Duration delay) {
        int delaySeconds = (int) Math.min(MAX_DELAY_SECONDS, Math.max(0, delay.toSeconds()));
        for (List<StreamRecord> chunk : chunks(destination, records)) {
            String body = Json.write(new SpilledBatch(destination, chunk));
            try {
                sqs.get().sendMessage(b -> b.queueUrl(queueUrl).messageBody(body).delaySeconds(delaySeconds));
                LOG.warn("Spilled {} event records for {} to the event spill queue", chunk.size(), destination);
            } catch (RuntimeException unreachable) {
                Unspillable.log(destination, chunk, unreachable);
            }
        }
    }

    /** Splits records into groups whose message body stays under SQS's limit. */
    static List<List<StreamRecord>> chunks(Destination destination, List<StreamRecord> records) {
        int overhead = Json.write(new SpilledBatch(destination, List.of())).length() + 16;
        List<List<StreamRecord>> chunks = new ArrayList<>();
        List<StreamRecord> current = new ArrayList<>();
        int bytes = overhead;
        for (StreamRecord record : records) {
            int size = Json.write(record).getBytes(StandardCharsets.UTF_8).length + 1;
            if (!current.isEmpty() && bytes + size > MAX_MESSAGE_BYTES) {
                chunks.add(current);
                current = new ArrayList<>();
                bytes = overhead;
            }
            current.add(record);
            bytes += size;
        }
        if (!current.isEmpty()) {
            chunks.add(current);
        }
        return chunks;
    }
}
