package io.pinpush.messaging;

import java.util.Map;

/** Pinpoint's MessageResponse: Provides information about the results of a request to send a message to an endpoint address. */
public record MessageResponse(
        String applicationId,
        Map<String, EndpointMessageResult> endpointResult,
        String requestId,
        Map<String, MessageResult> result) {
}
