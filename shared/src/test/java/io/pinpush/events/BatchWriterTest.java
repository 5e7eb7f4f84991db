package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Batching and partial-failure retries. Emulators never refuse part of a batch, so a sink that refuses chosen
 * records stands in for a throttled stream here.
 */
class BatchWriterTest {

    /** Refuses each record the given number of times before taking it; remembers every call. */
    private static class RefusingSink implements StreamSink {
        final List<List<StreamRecord>> calls = new ArrayList<>();
        final List<StreamRecord> written = new ArrayList<>();
        private final java.util.Map<StreamRecord, Integer> refusals = new java.util.HashMap<>();
        private final int maxRecords;
        private final long maxBatchBytes;

        RefusingSink(int maxRecords, long maxBatchBytes) {
            this.maxRecords = maxRecords;
            this.maxBatchBytes = maxBatchBytes;
        }

        void refuse(StreamRecord record, int times) {
            refusals.put(record, times);
        }

        @Override
        public List<StreamRecord> write(List<StreamRecord> batch) {
            calls.add(List.copyOf(batch));
            List<StreamRecord> refused = new ArrayList<>();
            for (StreamRecord record : batch) {
                int left = refusals.getOrDefault(record, 0);
                if (left > 0) {
                    refusals.put(record, left - 1);
                    refused.add(record);
                } else {
                    written.add(record);
                }
            }
            return refused;
        }

        @Override public int maxRecords() { return maxRecords; }
        @Override public long maxBatchBytes() { return maxBatchBytes; }
        @Override public int maxRecordBytes() { return 1000; }
    }

    private static List<StreamRecord> records(int count) {
        return IntStream.range(0, count).mapToObj(i -> new StreamRecord("app", "key-" + i, "{\"n\":" + i + "}"))
                .toList();
    }

    @Test
    void batchesStayWithinTheRecordAndByteLimits() {
        RefusingSink sink = new RefusingSink(500, 5L * 1024 * 1024);
        assertThat(BatchWriter.batches(sink, records(1201))).extracting(List::size).containsExactly(500, 500, 201);

        RefusingSink small = new RefusingSink(500, 100);
        List<List<StreamRecord>> bySize = BatchWriter.batches(small, records(20));
        assertThat(bySize).allSatisfy(batch -> assertThat(batch.stream().mapToInt(StreamRecord::sizeInBytes).sum())
                .isLessThanOrEqualTo(100));
        assertThat(bySize.stream().mapToInt(List::size).sum()).isEqualTo(20);
    }

    @Test
    void onlyTheRefusedRecordsAreWrittenAgain() {
        List<StreamRecord> records = records(10);
        RefusingSink sink = new RefusingSink(500, 5L * 1024 * 1024);
        sink.refuse(records.get(3), 2);

        List<StreamRecord> unwritten = new BatchWriter(4, Duration.ofMillis(1)).writeAll(sink, records);

        assertThat(unwritten).isEmpty();
        assertThat(sink.calls).extracting(List::size).containsExactly(10, 1, 1);
        assertThat(sink.written).containsExactlyInAnyOrderElementsOf(records);
    }

    @Test
    void recordsStillRefusedAfterTheLastAttemptAreReturnedForTheSpill() {
        List<StreamRecord> records = records(3);
        RefusingSink sink = new RefusingSink(500, 5L * 1024 * 1024);
        sink.refuse(records.get(0), 99);

        assertThat(new BatchWriter(3, Duration.ofMillis(1)).writeAll(sink, records)).containsExactly(records.get(0));
        assertThat(sink.calls).hasSize(3);
    }

    @Test
    void anUnreachableSinkReturnsEveryRecord() {
        StreamSink down = new RefusingSink(500, 1024) {
            @Override
            public List<StreamRecord> write(List<StreamRecord> batch) {
                throw new IllegalStateException("connection refused");
            }
        };
        assertThat(new BatchWriter(2, Duration.ofMillis(1)).writeAll(down, records(5))).hasSize(5);
    }
}
