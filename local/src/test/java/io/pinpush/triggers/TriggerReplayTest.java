package io.pinpush.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.functions.TriggerHandler;
import io.pinpush.local.LocalContext;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.EventSamples;
import io.pinpush.testing.PinpushExtension;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Replays {@code events/kinesis-trigger.json} through the real trigger function: one send, and none when replayed again. */
@ExtendWith(PinpushExtension.class)
class TriggerReplayTest {

    @Test
    void theSampleKinesisBatchTriggersOneSendAndItsRedeliveryNone(LocalServer server) throws Exception {
        String appId = "replay-" + UUID.randomUUID();
        List<String> sent = new CopyOnWriteArrayList<>();
        Clock clock = Clock.systemUTC();
        TriggerEvaluator evaluator = new TriggerEvaluator(
                (app, at) -> List.of(new EventTrigger("cart-campaign", 1, TriggerPathTest.cartAbandoned(),
                        Instant.parse("2025-01-01T00:00:00Z"), null, null, null, null)),
                (trigger, app, endpointId, sessionId, eventKey) -> sent.add(app + "/" + endpointId + "/" + sessionId),
                new TriggerLimits(server.pinpush().aws().dynamoDb(), server.pinpush().config(), clock),
                (app, endpointId) -> Optional.empty(), clock);
        TriggerHandler handler = new TriggerHandler(evaluator, () -> { });

        StreamsEventResponse first = handler.handleRequest(read(appId), new LocalContext());
        StreamsEventResponse again = handler.handleRequest(read(appId), new LocalContext());

        assertThat(first.getBatchItemFailures()).isEmpty();
        assertThat(again.getBatchItemFailures()).isEmpty();
        assertThat(sent).containsExactly(appId + "/cart-endpoint/session-1");
    }

    /** The sample as Lambda hands it over: the record data base64 in JSON, bytes in the event class. */
    private static KinesisEvent read(String appId) throws Exception {
        JsonNode sample = new ObjectMapper().readTree(EventSamples.read("kinesis-trigger.json"));
        List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
        for (JsonNode node : sample.path("Records")) {
            String data = new String(Base64.getDecoder().decode(node.path("kinesis").path("data").asText()),
                    StandardCharsets.UTF_8).replace("${applicationId}", appId);
            KinesisEvent.Record kinesis = new KinesisEvent.Record();
            kinesis.setSequenceNumber(node.path("kinesis").path("sequenceNumber").asText());
            kinesis.setPartitionKey(node.path("kinesis").path("partitionKey").asText());
            kinesis.setData(ByteBuffer.wrap(data.getBytes(StandardCharsets.UTF_8)));
            KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
            record.setKinesis(kinesis);
            record.setEventSource(node.path("eventSource").asText());
            records.add(record);
        }
        KinesisEvent event = new KinesisEvent();
        event.setRecords(records);
        return event;
    }
}
