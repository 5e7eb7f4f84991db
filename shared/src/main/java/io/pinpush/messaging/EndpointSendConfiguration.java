package io.pinpush.messaging;

import java.util.List;
import java.util.Map;

/** Pinpoint's EndpointSendConfiguration: Specifies the content, including message variables and attributes, to use in a message that's sent directly to an endpoint. */
public record EndpointSendConfiguration(
        String bodyOverride,
        Map<String, String> context,
        String rawContent,
        Map<String, List<String>> substitutions,
        String titleOverride) {
}
