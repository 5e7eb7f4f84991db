package io.pinpush.messaging;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A send's Context (string attributes a request and its recipients attach): layers merged, later over earlier, and
 * JSON-null values left out, since FCM refuses data values that are not strings and an event attribute needs one.
 */
final class ContextMaps {

    private ContextMaps() {
    }

    /** The layers merged in order; null when nothing is left. */
    @SafeVarargs
    static Map<String, String> merged(Map<String, String>... layers) {
        Map<String, String> merged = null; // most sends have no Context: nothing is allocated for them (every delivery)
        for (Map<String, String> layer : layers) {
            if (layer == null) {
                continue;
            }
            for (Map.Entry<String, String> entry : layer.entrySet()) {
                if (entry.getKey() != null && entry.getValue() != null) {
                    if (merged == null) {
                        merged = new LinkedHashMap<>();
                    }
                    merged.put(entry.getKey(), entry.getValue());
                }
            }
        }
        return merged == null ? null : Collections.unmodifiableMap(merged);
    }
}
