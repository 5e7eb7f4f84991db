package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class EventSpillChunksTest {

    @Test
    void spillMessagesStayUnderSqsSizeLimitAndKeepEveryRecord() {
        Destination destination = Destination.kinesis("pinpush-events", "us-east-1");
        List<StreamRecord> records = IntStream.range(0, 300)
                .mapToObj(i -> new StreamRecord("app", "endpoint-" + i, "{\"pad\":\"" + "x".repeat(3000) + "\"}"))
                .toList();

        List<List<StreamRecord>> chunks = SqsEventSpill.chunks(destination, records);

        assertThat(chunks).hasSizeGreaterThan(1);
        assertThat(chunks).allSatisfy(chunk -> assertThat(Json.write(new SpilledBatch(destination, chunk))
                .getBytes(StandardCharsets.UTF_8).length).isLessThanOrEqualTo(SqsEventSpill.MAX_MESSAGE_BYTES));
        assertThat(chunks.stream().flatMap(List::stream).toList()).containsExactlyElementsOf(records);
        SpilledBatch roundTrip = Json.read(Json.write(new SpilledBatch(destination, chunks.get(0))), SpilledBatch.class);
        assertThat(roundTrip.destination()).isEqualTo(destination);
        assertThat(roundTrip.records()).isEqualTo(chunks.get(0));
    }

    @Test
    void partitionKeysLongerThanKinesisAllowsAreHashedStably() {
        String token = "t".repeat(300);
        assertThat(StreamRecord.partitionKey(token)).hasSize(64).isEqualTo(StreamRecord.partitionKey(token));
        assertThat(StreamRecord.partitionKey("endpoint-1")).isEqualTo("endpoint-1");
    }
}
