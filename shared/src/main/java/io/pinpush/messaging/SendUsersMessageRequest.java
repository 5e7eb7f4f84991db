package io.pinpush.messaging;

import java.util.Map;

/** Pinpoint's SendUsersMessageRequest: Specifies the configuration and other settings for a message to send to all the endpoints that are associated with a list of users. */
public record SendUsersMessageRequest(
        Map<String, String> context,
        DirectMessageConfiguration messageConfiguration,
        TemplateConfiguration templateConfiguration,
        String traceId,
        Map<String, EndpointSendConfiguration> users) {
}
