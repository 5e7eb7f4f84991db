package io.pinpush.segments;

import io.pinpush.api.ApiError;
import java.util.List;

/** Checks shared by the segment definition records. */
final class Validation {

    private Validation() {
    }

    static List<String> requireValues(String member, List<String> values) {
        if (values == null || values.isEmpty()) {
            throw ApiError.badRequest(member + " must contain at least one value");
        }
        if (values.stream().anyMatch(v -> v == null)) {
            throw ApiError.badRequest(member + " must not contain null");
        }
        return List.copyOf(values);
    }

    static void requireKeys(java.util.Map<String, ?> map, String member) {
        if (map == null) return;
        map.forEach((key, value) -> {
            if (key == null || key.isEmpty()) throw ApiError.badRequest(member + " has an empty name");
            if (value == null) throw ApiError.badRequest(member + "." + key + " must not be null");
        });
    }
}
