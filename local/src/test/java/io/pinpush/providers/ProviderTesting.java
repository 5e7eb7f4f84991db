package io.pinpush.providers;

import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.config.PinpushConfig;
import io.pinpush.local.standins.ApnsStandIn;
import io.pinpush.local.standins.FcmStandIn;
import io.pinpush.local.standins.StandInTls;
import io.pinpush.messaging.DirectMessageConfiguration;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;

/** Settings pointing Pinpush at the stand-ins, and small helpers shared by the provider tests. */
final class ProviderTesting {

    private ProviderTesting() {
    }

    static Map<String, String> settings(ApnsStandIn apns, FcmStandIn fcm) {
        Map<String, String> settings = new HashMap<>();
        if (apns != null) {
            settings.put("PINPUSH_APNS_ENDPOINT", apns.endpoint());
            settings.put("PINPUSH_APNS_SANDBOX_ENDPOINT", apns.endpoint());
            settings.put("PINPUSH_APNS_TRUSTED_CERT", StandInTls.caFile().toString());
        }
        if (fcm != null) {
            settings.put("PINPUSH_FCM_ENDPOINT", fcm.endpoint().toString());
            settings.put("PINPUSH_GCM_LEGACY_ENDPOINT", fcm.legacyEndpoint().toString());
            settings.put("PINPUSH_FCM_TRUSTED_CERT", StandInTls.caFile().toString());
        }
        settings.put("PINPUSH_PROVIDER_TIMEOUT", "PT5S");
        return settings;
    }

    static PinpushConfig config(Map<String, String> settings) {
        return new PinpushConfig(settings);
    }

    /** A device token as APNs issues them: 64 hex digits. */
    static String apnsToken() {
        byte[] bytes = new byte[32];
        ThreadLocalRandom.current().nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    static String uniqueId(String prefix) {
        return prefix + Long.toHexString(ThreadLocalRandom.current().nextLong() & Long.MAX_VALUE);
    }

    static RenderRequest request(ChannelType type, String address, String configurationJson) {
        return new RenderRequest(type, address, null, Json.read(configurationJson, DirectMessageConfiguration.class),
                null, null, null, null, null, Map.of("pinpoint.campaign.campaign_id", "_DIRECT"));
    }

    static RenderedPush rendered(RenderResult result) {
        if (result instanceof RenderResult.Rendered rendered) {
            return rendered.push();
        }
        throw new AssertionError("Expected a rendered notification, got " + result);
    }

    static ProviderOutcome sendAndWait(PushGateway gateway, String appId, RenderedPush push) {
        try {
            return gateway.send(appId, push).get(20, TimeUnit.SECONDS);
        } catch (Exception e) {
            throw new AssertionError("The gateway's future must complete normally", e);
        }
    }
}
