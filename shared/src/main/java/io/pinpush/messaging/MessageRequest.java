package io.pinpush.messaging;

import java.util.Map;

/** Pinpoint's MessageRequest: Specifies the configuration and other settings for a message. */
public record MessageRequest(
        Map<String, AddressConfiguration> addresses,
        Map<String, String> context,
        Map<String, EndpointSendConfiguration> endpoints,
        DirectMessageConfiguration messageConfiguration,
        TemplateConfiguration templateConfiguration,
        String traceId) {
}
