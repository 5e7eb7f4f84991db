package io.pinpush.api;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Pinpoint's {@code MessageBody}: the body of every error response, and of a few success responses. */
public record ErrorBody(String message, @JsonProperty("RequestID") String requestId) {
}
