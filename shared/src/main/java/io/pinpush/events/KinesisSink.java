package io.pinpush.events;

import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** A Kinesis data stream, written with PutRecords: 500 records and 5 MiB per call, 1 MiB per record. */
final class KinesisSink implements StreamSink {

    private final KinesisClient kinesis;
    private final String streamName;

    KinesisSink(KinesisClient kinesis, String streamName) {
        this.kinesis = kinesis;
        this.streamName = streamName;
    }

    @Override
    public List<StreamRecord> write(List<StreamRecord> batch) {
        List<PutRecordsRequestEntry> entries = batch.stream()
                .map(r -> PutRecordsRequestEntry.builder().partitionKey(r.partitionKey())
                        .data(SdkBytes.fromUtf8String(r.data())).build())
                .toList();
        PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(streamName).records(entries));
        if (response.failedRecordCount() == null || response.failedRecordCount() == 0) {
            return List.of();
        }
        return StreamSink.refused(batch, response.records(), PutRecordsResultEntry::errorCode);
    }

    @Override
    public int maxRecords() {
        return 500;
    }

    @Override
    public long maxBatchBytes() {
        return 5L * 1024 * 1024;
    }

    @Override
    public int maxRecordBytes() {
        return 1024 * 1024;
    }
}
