package io.pinpush.events;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;

/** A destination's write call: one batch within its limits, answered with the records it did not take. */
public interface StreamSink {

    /**
     * Writes one batch (at most {@link #maxRecords()} records, {@link #maxBatchBytes()} bytes).
     *
     * @return the records the destination refused (throttled, internal failure): worth another try
     * @throws RuntimeException when the destination could not be reached at all
     */
    List<StreamRecord> write(List<StreamRecord> batch);

    int maxRecords();

    long maxBatchBytes();

    /** The largest single record the destination takes. */
    int maxRecordBytes();

    /**
     * The records of {@code batch} whose result has an error code: Kinesis and Firehose answer a batch call with one
     * result per record, in request order, and a result with an error code was not written.
     */
    static <R> List<StreamRecord> refused(List<StreamRecord> batch, List<R> results, Function<R, String> errorCode) {
        List<StreamRecord> refused = new ArrayList<>();
        for (int i = 0; i < results.size(); i++) {
            if (errorCode.apply(results.get(i)) != null) {
                refused.add(batch.get(i));
            }
        }
        return refused;
    }
}
