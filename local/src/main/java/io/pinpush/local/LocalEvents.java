package io.pinpush.local;

import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.ResourceInUseException;

/**
 * Where the local server's events go. With no Kinesis endpoint configured, every event is a line in
 * {@code <data-dir>/events.jsonl} ({@code tail -f} it to watch delivery outcomes); with
 * {@code --set PINPUSH_ENDPOINT_KINESIS=http://...} they go to that emulator's stream, created at start if missing.
 * Records no stream takes are spilled to {@code <data-dir>/events-spill.jsonl} unless a spill queue is set.
 */
final class LocalEvents {

    static final String DEFAULT_STREAM = "pinpush-events";

    private LocalEvents() {
    }

    static Map<String, String> defaults(Path dataDir, Map<String, String> chosen) {
        Map<String, String> defaults = new LinkedHashMap<>();
        if (chosen.containsKey("PINPUSH_ENDPOINT_KINESIS")) {
            defaults.put("PINPUSH_EVENT_STREAM_NAME", DEFAULT_STREAM);
        } else {
            defaults.put("PINPUSH_EVENT_FILE", dataDir.resolve("events.jsonl").toString());
        }
        if (!chosen.containsKey("PINPUSH_EVENT_SPILL_QUEUE_URL")) {
            defaults.put("PINPUSH_EVENT_SPILL_FILE", dataDir.resolve("events-spill.jsonl").toString());
        }
        return defaults;
    }

    /** The local stand-in for the stream the CDK stack creates. */
    static void createStreamIfMissing(PinpushConfig config, AwsClients aws) {
        if (config.eventFile().isPresent() || config.eventStreamName().isEmpty()
                || config.serviceEndpoint("kinesis").isEmpty()) {
            return;
        }
        String name = config.eventStreamName().get();
        KinesisClient kinesis = aws.kinesis();
        try {
            kinesis.createStream(b -> b.streamName(name).shardCount(2));
        } catch (ResourceInUseException exists) {
            return;
        }
        kinesis.waiter().waitUntilStreamExists(b -> b.streamName(name));
    }

    static String describe(PinpushConfig config) {
        if (config.eventFile().isPresent()) {
            return "Events: tail -f " + config.eventFile().get();
        }
        return config.eventStreamName()
                .map(name -> "Events: Kinesis stream " + name + config.serviceEndpoint("kinesis")
                        .map(uri -> " at " + uri).orElse(""))
                .orElse("Events: not streamed (no PINPUSH_EVENT_STREAM_NAME)");
    }
}
