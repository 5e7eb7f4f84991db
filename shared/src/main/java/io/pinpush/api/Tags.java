package io.pinpush.api;

import java.util.Map;

/** The {@code tags} map accepted on create operations, with Pinpoint's limits. */
public final class Tags {

    public static final int MAX_TAGS = 50;
    public static final int MAX_KEY_LENGTH = 128;
    public static final int MAX_VALUE_LENGTH = 256;

    private Tags() {
    }

    /** Returns an immutable copy, or null when there are no tags (so responses omit the member). */
    public static Map<String, String> validated(Map<String, String> tags) {
        if (tags == null || tags.isEmpty()) {
            return null;
        }
        if (tags.size() > MAX_TAGS) {
            throw ApiError.badRequest("At most " + MAX_TAGS + " tags are allowed, got " + tags.size());
        }
        tags.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > MAX_KEY_LENGTH) {
                throw ApiError.badRequest("Tag keys must be 1 to " + MAX_KEY_LENGTH + " characters: '" + key + "'");
            }
            if (key.startsWith("aws:")) {
                throw ApiError.badRequest("Tag keys may not start with the reserved prefix aws: '" + key + "'");
            }
            if (value == null || value.length() > MAX_VALUE_LENGTH) {
                throw ApiError.badRequest("Tag values must be at most " + MAX_VALUE_LENGTH + " characters (key '" + key + "')");
            }
        });
        return Map.copyOf(tags);
    }
}
