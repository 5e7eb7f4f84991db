package io.pinpush.campaigns.run;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.campaigns.CampaignMessage;
import io.pinpush.campaigns.MessageConfiguration;
import io.pinpush.messaging.ADMMessage;
import io.pinpush.messaging.APNSMessage;
import io.pinpush.messaging.BaiduMessage;
import io.pinpush.messaging.DefaultPushNotificationMessage;
import io.pinpush.messaging.DirectMessageConfiguration;
import io.pinpush.messaging.GCMMessage;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A campaign's MessageConfiguration in the send path's terms, so campaigns render through the same renderers as
 * SendMessages. The campaign {@code Message} shape is smaller than the direct-send ones; its JsonBody (a JSON
 * object) becomes the message's Data, each value as a string (non-string values as their JSON text).
 */
final class CampaignMessages {

    private CampaignMessages() {
    }

    static DirectMessageConfiguration toDirect(MessageConfiguration campaign) {
        if (campaign == null) {
            return new DirectMessageConfiguration(null, null, null, null, null, null, null, null, null);
        }
        return new DirectMessageConfiguration(adm(campaign.admMessage()), apns(campaign.apnsMessage()),
                baidu(campaign.baiduMessage()), null, defaultPush(campaign.defaultMessage()), null,
                gcm(campaign.gcmMessage()), null, null);
    }

    private static APNSMessage apns(CampaignMessage m) {
        return m == null ? null : new APNSMessage(null, m.action(), null, m.body(), null, null, data(m), m.mediaUrl(),
                null, null, m.rawContent(), m.silentPush(), null, null, null, m.timeToLive(), m.title(), m.url());
    }

    private static GCMMessage gcm(CampaignMessage m) {
        return m == null ? null : new GCMMessage(m.action(), m.body(), null, data(m), null, m.imageIconUrl(),
                m.imageUrl(), null, null, m.rawContent(), null, m.silentPush(), m.imageSmallIconUrl(), null, null,
                m.timeToLive(), m.title(), m.url());
    }

    private static ADMMessage adm(CampaignMessage m) {
        return m == null ? null : new ADMMessage(m.action(), m.body(), null, data(m), null, null, m.imageIconUrl(),
                m.imageUrl(), null, m.rawContent(), m.silentPush(), m.imageSmallIconUrl(), null, null, m.title(), m.url());
    }

    private static BaiduMessage baidu(CampaignMessage m) {
        return m == null ? null : new BaiduMessage(m.action(), m.body(), data(m), null, m.imageIconUrl(), m.imageUrl(),
                m.rawContent(), m.silentPush(), m.imageSmallIconUrl(), null, null, m.timeToLive(), m.title(), m.url());
    }

    private static DefaultPushNotificationMessage defaultPush(CampaignMessage m) {
        return m == null ? null : new DefaultPushNotificationMessage(m.action(), m.body(), data(m), m.silentPush(),
                null, m.title(), m.url());
    }

    private static Map<String, String> data(CampaignMessage m) {
        if (m.jsonBody() == null || m.jsonBody().isBlank()) {
            return null;
        }
        JsonNode body;
        try {
            body = Json.mapper().readTree(m.jsonBody());
        } catch (java.io.IOException notJson) {
            return Map.of("jsonBody", m.jsonBody());
        }
        if (!body.isObject()) {
            return Map.of("jsonBody", m.jsonBody());
        }
        Map<String, String> data = new LinkedHashMap<>();
        body.fields().forEachRemaining(e -> data.put(e.getKey(),
                e.getValue().isTextual() ? e.getValue().asText() : e.getValue().toString()));
        return data;
    }
}
