package io.pinpush.providers;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.messaging.DirectMessageConfiguration;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/** Render requests as the send flow builds them, from MessageConfiguration JSON as a customer writes it. */
public final class Renders {

    public static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
    public static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
    public static final String APNS_TOKEN = "a0b1c2d3e4f5a6b7c8d9e0f1a2b3c4d5e6f7a8b9c0d1e2f3a4b5c6d7e8f9a0b1";
    public static final String FCM_TOKEN = "fcm-registration-token-1";

    private Renders() {
    }

    public static DirectMessageConfiguration configuration(String json) {
        try {
            return Json.mapper().readValue(json, DirectMessageConfiguration.class);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    public static RenderRequest request(ChannelType type, String address, String configurationJson) {
        return new RenderRequest(type, address, null, configuration(configurationJson), null, null, null, null, null,
                Map.of("pinpoint.campaign.campaign_id", "_DIRECT"));
    }

    public static RenderRequest withOverrides(RenderRequest request, String bodyOverride, String titleOverride,
                                              String rawContent, Map<String, List<String>> substitutions,
                                              Map<String, String> context) {
        return new RenderRequest(request.channelType(), request.address(), request.endpoint(),
                request.messageConfiguration(), bodyOverride, titleOverride, rawContent, substitutions, context,
                request.pinpointData());
    }

    public static RenderedPush rendered(RenderResult result) {
        if (result instanceof RenderResult.Rendered rendered) {
            return rendered.push();
        }
        throw new AssertionError("Expected a rendered notification, got " + result);
    }

    public static JsonNode json(String json) {
        try {
            return Json.mapper().readTree(json);
        } catch (java.io.IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
