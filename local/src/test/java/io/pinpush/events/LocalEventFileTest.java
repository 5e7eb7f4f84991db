package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.EventsBatch;

/** With no Kinesis endpoint configured, the local server appends events to a JSON-lines file in its data folder. */
@ExtendWith(PinpushExtension.class)
class LocalEventFileTest {

    @Test
    void eventsAreAppendedToTheDataFoldersEventsFileOnePerLine(LocalServer server, PinpointClient pinpoint) {
        Path file = server.pinpush().config().eventFile().orElseThrow();
        assertThat(file.getFileName()).hasToString("events.jsonl");
        String appId = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("file"))).applicationResponse().id();

        pinpoint.putEvents(b -> b.applicationId(appId).eventsRequest(r -> r.batchItem(Map.of("endpoint-1",
                EventsBatch.builder().endpoint(e -> e.address("t"))
                        .events(Map.of("e1", software.amazon.awssdk.services.pinpoint.model.Event.builder()
                                .eventType("_session.start").timestamp("2026-11-23T10:00:00Z").build()))
                        .build()))));

        List<JsonNode> lines = Awaitility.await().atMost(Duration.ofSeconds(10))
                .until(() -> linesOf(file, appId), found -> found.size() == 1);
        assertThat(lines.get(0).path("event_type").asText()).isEqualTo("_session.start");
        assertThat(lines.get(0).path("client").path("client_id").asText()).isEqualTo("endpoint-1");
    }

    private static List<JsonNode> linesOf(Path file, String appId) {
        try {
            return !Files.exists(file) ? List.of() : Files.readAllLines(file).stream().map(StreamedRecords::parse)
                    .filter(json -> appId.equals(json.path("application").path("app_id").asText())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
