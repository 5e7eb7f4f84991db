package io.pinpush.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.functions.TriggerHandler;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.EventSamples;
import io.pinpush.testing.PinpushExtension;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
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

        JsonNode first = EventSamples.invoke(handler, sample(appId));
        JsonNode again = EventSamples.invoke(handler, sample(appId));

        assertThat(first.path("batchItemFailures").isArray()).isTrue();
        assertThat(first.path("batchItemFailures")).isEmpty();
        assertThat(again.path("batchItemFailures")).isEmpty();
        assertThat(sent).containsExactly(appId + "/cart-endpoint/session-1");

        // A record whose data is not base64 is an unreadable event, not a batch to retry forever.
        ObjectNode broken = (ObjectNode) new ObjectMapper().readTree(sample(appId));
        ((ObjectNode) broken.path("Records").path(0).path("kinesis")).put("data", "not base64 at all!");
        JsonNode answer = EventSamples.invoke(handler, broken.toString());
        assertThat(answer.path("batchItemFailures").isArray()).isTrue();
        assertThat(answer.path("batchItemFailures")).isEmpty();
        assertThat(sent).hasSize(1);
    }

    /** The sample as Lambda hands it over, for this app: its placeholder is inside each record's base64 data. */
    private static String sample(String appId) throws Exception {
        ObjectNode sample = (ObjectNode) new ObjectMapper().readTree(EventSamples.read("kinesis-trigger.json"));
        for (JsonNode record : sample.path("Records")) {
            ObjectNode kinesis = (ObjectNode) record.path("kinesis");
            String data = new String(Base64.getDecoder().decode(kinesis.path("data").asText()), StandardCharsets.UTF_8)
                    .replace("${applicationId}", appId);
            kinesis.put("data", Base64.getEncoder().encodeToString(data.getBytes(StandardCharsets.UTF_8)));
        }
        return sample.toString();
    }
}
