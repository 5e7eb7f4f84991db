package io.pinpush.events;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Writes records to a sink in batches within its limits, and writes again, with exponential backoff and jitter,
 * only the records a call did not take. What is still unwritten after the last attempt is returned for the spill.
 */
public final class BatchWriter {

    private static final Logger LOG = LoggerFactory.getLogger(BatchWriter.class);

    private final int maxAttempts;
    private final Duration baseDelay;

    public BatchWriter(int maxAttempts, Duration baseDelay) {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        this.maxAttempts = maxAttempts;
        this.baseDelay = baseDelay;
    }

    /** Four attempts over about 0.7 s: long enough to ride out throttling, short enough to spill quickly. */
    public static BatchWriter standard() {
        return new BatchWriter(4, Duration.ofMillis(100));
    }

    /** @return the records not written after every attempt (empty when all were written) */
    public List<StreamRecord> writeAll(StreamSink sink, List<StreamRecord> records) {
        List<StreamRecord> pending = withinRecordLimit(sink, records);
        RuntimeException lastFailure = null;
        for (int attempt = 1; attempt <= maxAttempts && !pending.isEmpty(); attempt++) {
            if (attempt > 1) {
                pause(attempt);
            }
            List<StreamRecord> failed = new ArrayList<>();
            for (List<StreamRecord> batch : batches(sink, pending)) {
                try {
                    failed.addAll(sink.write(batch));
                } catch (RuntimeException unreachable) {
                    lastFailure = unreachable;
                    failed.addAll(batch);
                }
            }
            pending = failed;
        }
        if (!pending.isEmpty()) {
            LOG.warn("{} event records not written after {} attempts{}", pending.size(), maxAttempts,
                    lastFailure == null ? " (refused by the stream)" : ": " + lastFailure);
        }
        return pending;
    }

    /** Consecutive runs of records that fit one call: at most maxRecords, at most maxBatchBytes. */
    static List<List<StreamRecord>> batches(StreamSink sink, List<StreamRecord> records) {
        List<List<StreamRecord>> batches = new ArrayList<>();
        List<StreamRecord> current = new ArrayList<>();
        long bytes = 0;
        for (StreamRecord record : records) {
            int size = record.sizeInBytes();
            if (!current.isEmpty() && (current.size() == sink.maxRecords() || bytes + size > sink.maxBatchBytes())) {
                batches.add(current);
                current = new ArrayList<>();
                bytes = 0;
            }
            current.add(record);
            bytes += size;
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }

    /**
     * A record larger than the destination takes can never be written, so retrying or spilling it would only
     * delay the error: it is logged whole (the log keeps it) and left out. PutEvents' limits keep clients' events
     * far below every destination's limit.
     */
    private static List<StreamRecord> withinRecordLimit(StreamSink sink, List<StreamRecord> records) {
        List<StreamRecord> fitting = new ArrayList<>(records.size());
        for (StreamRecord record : records) {
            if (record.sizeInBytes() > sink.maxRecordBytes()) {
                LOG.error("Event record of {} bytes exceeds the destination's {} byte limit; not written: {}",
                        record.sizeInBytes(), sink.maxRecordBytes(), record.data());
            } else {
                fitting.add(record);
            }
        }
        return fitting;
    }

    private void pause(int attempt) {
        long ceiling = baseDelay.toMillis() << (attempt - 2);
        long millis = ceiling / 2 + ThreadLocalRandom.current().nextLong(ceiling / 2 + 1);
        try {
            Thread.sleep(millis); // backoff between attempts on the publisher's own thread
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
