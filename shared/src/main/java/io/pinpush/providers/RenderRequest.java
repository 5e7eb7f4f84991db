package io.pinpush.providers;

import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.messaging.DirectMessageConfiguration;
import java.util.List;
import java.util.Map;

/**
 * Everything a renderer needs for one address: the request's message configuration, the per-address or
 * per-endpoint overrides, the endpoint (null for a raw address; later used for template variables) and the
 * {@code pinpoint.*} data keys the device SDKs read (for a direct send: {@code pinpoint.campaign.campaign_id = _DIRECT}).
 */
public record RenderRequest(ChannelType channelType, String address, EndpointResponse endpoint,
                            DirectMessageConfiguration messageConfiguration, String bodyOverride,
                            String titleOverride, String rawContent, Map<String, List<String>> substitutions,
                            Map<String, String> context, Map<String, String> pinpointData) {
}
