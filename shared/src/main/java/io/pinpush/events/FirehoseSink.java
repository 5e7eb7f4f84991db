package io.pinpush.events;

import java.util.List;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponse;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.firehose.model.Record;

/**
 * A Firehose delivery stream, written with PutRecordBatch: 500 records and 4 MiB per call, 1,000 KiB per record.
 * Each record ends with a newline, so what Firehose concatenates into S3 objects is JSON lines.
 */
final class FirehoseSink implements StreamSink {

    private final FirehoseClient firehose;
    private final String deliveryStreamName;

    FirehoseSink(FirehoseClient firehose, String deliveryStreamName) {
        this.firehose = firehose;
        this.deliveryStreamName = deliveryStreamName;
    }

    @Override
    public List<StreamRecord> write(List<StreamRecord> batch) {
        List<Record> records = batch.stream()
                .map(r -> Record.builder().data(SdkBytes.fromUtf8String(r.data() + "\n")).build())
                .toList();
        PutRecordBatchResponse response = firehose.putRecordBatch(b -> b.deliveryStreamName(deliveryStreamName)
                .records(records));
        if (response.failedPutCount() == null || response.failedPutCount() == 0) {
            return List.of();
        }
        return StreamSink.refused(batch, response.requestResponses(), PutRecordBatchResponseEntry::errorCode);
    }

    @Override
    public int maxRecords() {
        return 500;
    }

    @Override
    public long maxBatchBytes() {
        return 4L * 1024 * 1024;
    }

    @Override
    public int maxRecordBytes() {
        return 1000 * 1024;
    }
}
