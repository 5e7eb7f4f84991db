package io.pinpush.local.standins;

import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An answer the FCM stand-in gives for one registration token, shaped as FCM gives it: the v1 error body
 * {@code {"error": {"code", "message", "status", "details": [FcmError, ...]}}}, or a legacy per-message result.
 */
public record FcmResponse(int status, Map<String, String> headers, String body) {

    private static final String FCM_ERROR = "type.googleapis.com/google.firebase.fcm.v1.FcmError";

    public static FcmResponse unregistered() {
        return error(404, "NOT_FOUND", "UNREGISTERED", "Requested entity was not found.", "");
    }

    /** The token is malformed: FCM names the field in a BadRequest detail. */
    public static FcmResponse invalidToken() {
        String message = "The registration token is not a valid FCM registration token";
        return error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", message,
                ", {\"@type\": \"type.googleapis.com/google.rpc.BadRequest\", \"fieldViolations\": "
                        + "[{\"field\": \"message.token\", \"description\": \"" + message + "\"}]}");
    }

    /** The message itself is wrong (not the token). */
    public static FcmResponse invalidMessage(String message) {
        return error(400, "INVALID_ARGUMENT", "INVALID_ARGUMENT", message, "");
    }

    public static FcmResponse quotaExceeded(Duration retryAfter) {
        return error(429, "RESOURCE_EXHAUSTED", "QUOTA_EXCEEDED", "Quota exceeded for sending messages.", "")
                .withHeader("Retry-After", Long.toString(retryAfter.toSeconds()));
    }

    public static FcmResponse unavailable() {
        return error(503, "UNAVAILABLE", "UNAVAILABLE", "The service is currently unavailable.", "");
    }

    public static FcmResponse internal() {
        return error(500, "INTERNAL", "INTERNAL", "Internal error encountered.", "");
    }

    /** A legacy {@code /fcm/send} answer: HTTP 200 with the error in the message's result. */
    public static FcmResponse legacyError(String error) {
        return new FcmResponse(200, Map.of("Content-Type", "application/json"),
                "{\"multicast_id\": 7, \"success\": 0, \"failure\": 1, \"canonical_ids\": 0, \"results\": [{\"error\": \"" + error + "\"}]}");
    }

    public FcmResponse withHeader(String name, String value) {
        Map<String, String> more = new LinkedHashMap<>(headers);
        more.put(name, value);
        return new FcmResponse(status, more, body);
    }

    private static FcmResponse error(int code, String status, String errorCode, String message, String moreDetails) {
        return new FcmResponse(code, Map.of("Content-Type", "application/json; charset=UTF-8"),
                "{\"error\": {\"code\": " + code + ", \"message\": \"" + message + "\", \"status\": \"" + status
                        + "\", \"details\": [{\"@type\": \"" + FCM_ERROR + "\", \"errorCode\": \"" + errorCode + "\"}"
                        + moreDetails + "]}}");
    }
}
