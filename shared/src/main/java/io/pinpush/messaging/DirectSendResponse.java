package io.pinpush.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * The send function's answer to a direct invocation: {@code {"MessageResponse": ...}},
 * {@code {"SendUsersMessageResponse": ...}}, or, for a request the caller must fix, {@code {"Error": ...}}.
 * Client errors are answers rather than function errors, so an asynchronous invocation is not retried in vain;
 * unexpected failures are function errors, which Lambda retries.
 */
public record DirectSendResponse(MessageResponse messageResponse, SendUsersMessageResponse sendUsersMessageResponse,
                                 ErrorDetails error) {

    /** A Pinpoint error: its type ({@code BadRequestException}, {@code NotFoundException}, ...) and message. */
    public record ErrorDetails(String type, int statusCode, String message, @JsonProperty("RequestID") String requestId) {
    }

    public static DirectSendResponse of(MessageResponse response) {
        return new DirectSendResponse(response, null, null);
    }

    public static DirectSendResponse of(SendUsersMessageResponse response) {
        return new DirectSendResponse(null, response, null);
    }

    public static DirectSendResponse error(String type, int statusCode, String message, String requestId) {
        return new DirectSendResponse(null, null, new ErrorDetails(type, statusCode, message, requestId));
    }
}
