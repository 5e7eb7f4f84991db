package io.pinpush.events;

import io.pinpush.api.Json;
import java.nio.charset.StandardCharsets;

/**
 * One event ready for a stream: its JSON and the partition key that keeps one device's events in order (the
 * endpoint id, or the address for a send without an endpoint). The app id travels along to pick the app's own
 * destination.
 */
public record StreamRecord(String appId, String partitionKey, String data) {

    /** Kinesis takes partition keys of at most 256 characters; longer ones (some tokens) are hashed, still stable. */
    static final int MAX_PARTITION_KEY = 256;

    public static StreamRecord of(String appId, String partitionKey, PinpointEvent event) {
        return new StreamRecord(appId, partitionKey(partitionKey), Json.write(event));
    }

    static String partitionKey(String key) {
        if (key == null || key.isEmpty()) {
            return "-";
        }
        if (key.length() <= MAX_PARTITION_KEY) {
            return key;
        }
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
                    .digest(key.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** What the record counts against a Kinesis request's size limit: data plus partition key. */
    public int sizeInBytes() {
        return data.getBytes(StandardCharsets.UTF_8).length + partitionKey.getBytes(StandardCharsets.UTF_8).length;
    }

    public PinpointEvent event() {
        return Json.read(data, PinpointEvent.class);
    }
}
