package io.pinpush.messaging;

import java.util.Map;

/** Pinpoint's SendUsersMessageResponse: Provides information about which users and endpoints a message was sent to. */
public record SendUsersMessageResponse(
        String applicationId,
        String requestId,
        Map<String, Map<String, EndpointMessageResult>> result) {
}
