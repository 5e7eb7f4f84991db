package io.pinpush.messaging;

import io.pinpush.api.ApiError;
import io.pinpush.channels.ChannelType;
import java.util.Map;

/**
 * Pinpoint's MessageRequest: Specifies the configuration and other settings for a message.
 *
 * <p>Validates everything that can be judged from the request alone, so a malformed request is refused before
 * anything is looked up, written or queued. Maps keep the caller's order (the first of two equal addresses is
 * the one sent; the second is reported DUPLICATE).
 */
public record MessageRequest(
        Map<String, AddressConfiguration> addresses,
        Map<String, String> context,
        Map<String, EndpointSendConfiguration> endpoints,
        DirectMessageConfiguration messageConfiguration,
        TemplateConfiguration templateConfiguration,
        String traceId) {

    public static final int MAX_ADDRESSES = 100;
    public static final int MAX_ENDPOINTS = 100;

    public MessageRequest {
        addresses = Recipients.orderedCopy(addresses);
        endpoints = Recipients.orderedCopy(endpoints);
        context = Recipients.orderedCopy(context);
        Recipients.requireMessage(messageConfiguration, templateConfiguration);
        if (addresses.isEmpty() && endpoints.isEmpty()) {
            throw ApiError.badRequest("Addresses or Endpoints is required: the recipients of the message");
        }
        Recipients.requireAtMost(addresses.size(), MAX_ADDRESSES, "Addresses");
        Recipients.requireAtMost(endpoints.size(), MAX_ENDPOINTS, "Endpoints");
        addresses.forEach((address, config) -> {
            Recipients.requireKey(address, "Addresses");
            ChannelType type = config == null ? null : config.channelType();
            if (type == null) {
                throw ApiError.badRequest("Addresses." + address + ".ChannelType is required");
            }
            if (!type.isPush()) {
                throw ApiError.badRequest("Addresses." + address + ".ChannelType " + type
                        + " is not a push channel: Pinpush sends through " + Recipients.PUSH_CHANNELS);
            }
        });
        endpoints.keySet().forEach(endpointId -> Recipients.requireKey(endpointId, "Endpoints"));
    }
}
