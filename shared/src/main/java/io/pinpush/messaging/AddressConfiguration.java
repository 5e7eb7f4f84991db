package io.pinpush.messaging;

import io.pinpush.channels.ChannelType;

import java.util.List;
import java.util.Map;

/** Pinpoint's AddressConfiguration: Specifies address-based configuration settings for a message that's sent directly to an endpoint. */
public record AddressConfiguration(
        String bodyOverride,
        ChannelType channelType,
        Map<String, String> context,
        String rawContent,
        Map<String, List<String>> substitutions,
        String titleOverride) {
}
