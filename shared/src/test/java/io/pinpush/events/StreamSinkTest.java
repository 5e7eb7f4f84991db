package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.firehose.model.PutRecordBatchResponseEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResultEntry;

/** Which records of a batch call the destination refused, read from its per-record results (request order). */
class StreamSinkTest {

    private final List<StreamRecord> batch = List.of(new StreamRecord("app", "a", "{\"n\":1}"),
            new StreamRecord("app", "b", "{\"n\":2}"), new StreamRecord("app", "c", "{\"n\":3}"));

    @Test
    void kinesisResultsWithAnErrorCodeNameTheRecordsToTryAgain() {
        List<PutRecordsResultEntry> results = List.of(
                PutRecordsResultEntry.builder().sequenceNumber("1").shardId("s").build(),
                PutRecordsResultEntry.builder().errorCode("ProvisionedThroughputExceededException").build(),
                PutRecordsResultEntry.builder().errorCode("InternalFailure").build());

        assertThat(StreamSink.refused(batch, results, PutRecordsResultEntry::errorCode))
                .containsExactly(batch.get(1), batch.get(2));
    }

    @Test
    void firehoseResultsWithoutAnErrorCodeWereWritten() {
        List<PutRecordBatchResponseEntry> results = List.of(
                PutRecordBatchResponseEntry.builder().errorCode("ServiceUnavailableException").build(),
                PutRecordBatchResponseEntry.builder().recordId("2").build(),
                PutRecordBatchResponseEntry.builder().recordId("3").build());

        assertThat(StreamSink.refused(batch, results, PutRecordBatchResponseEntry::errorCode))
                .containsExactly(batch.get(0));
    }
}
