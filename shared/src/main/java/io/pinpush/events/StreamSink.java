package io.pinpush.events;

import java.util.List;

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
}
