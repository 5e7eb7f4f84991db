package io.pinpush.events;

import org.awaitility.Awaitility;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.local.KinesisLocal;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;

/** Reads back what reached a Kinesis stream: each record's partition key and its JSON. */
record StreamedRecords(String partitionKey, JsonNode json) {

    private static final ObjectMapper JSON = new ObjectMapper();

    static List<StreamedRecords> of(KinesisLocal kinesis, String stream, String appId) {
        return kinesis.records(stream).stream()
                .map(r -> new StreamedRecords(r.partitionKey(), parse(r.data().asUtf8String())))
                .filter(r -> appId.equals(r.json().path("application").path("app_id").asText()))
                .toList();
    }

    /** Waits (with a deadline) until the app's records in the stream satisfy {@code done}, and returns them. */
    static List<StreamedRecords> await(KinesisLocal kinesis, String stream, String appId,
                                       Predicate<List<StreamedRecords>> done) {
        AtomicReference<List<StreamedRecords>> seen = new AtomicReference<>(List.of());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen.set(of(kinesis, stream, appId));
            return done.test(seen.get());
        });
        return seen.get();
    }

    static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new UncheckedIOException(e);
        }
    }
}
