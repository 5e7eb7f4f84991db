package io.pinpush.messaging;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.ApiError;

/**
 * Members of Pinpoint's shapes for channels Pinpush does not deliver (email, SMS, voice, in-app): read only so that
 * a request using them is refused clearly rather than silently ignored.
 */
public final class PushOnly {

    private PushOnly() {
    }

    /** A 400 naming {@code member} when {@code value} is set (a JSON null counts as not set). */
    public static void refuse(Object value, String member) {
        boolean set = value != null && !(value instanceof JsonNode node && node.isNull());
        if (set) {
            throw ApiError.badRequest(member + " is not supported: Pinpush delivers push notifications only");
        }
    }
}
