package io.pinpush.providers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.api.Json;
import io.pinpush.messaging.Action;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The {@code pinpoint.*} attributes a notification carries so the Amplify and Pinpoint device SDKs can attribute
 * opens to a campaign, journey or direct send: the request's pinpoint data (for a direct send
 * {@code pinpoint.campaign.campaign_id = _DIRECT}) and the request Context (added to the pinpoint object, as
 * Pinpoint documents). Android reads them as flat FCM data keys; iOS as the dictionary {@code data.pinpoint}.
 */
public final class PinpointData {

    public static final String PREFIX = "pinpoint.";
    public static final String DIRECT_CAMPAIGN = "_DIRECT";
    public static final String NOTIFICATION = PREFIX + "notification.";

    private PinpointData() {
    }

    /** Flat keys, for FCM data: {@code pinpoint.campaign.campaign_id}, {@code pinpoint.<context key>}. */
    public static Map<String, String> flat(RenderRequest request) {
        Map<String, String> keys = new LinkedHashMap<>(attribution(request));
        if (request.context() != null) {
            request.context().forEach((key, value) -> keys.putIfAbsent(PREFIX + key, value));
        }
        return keys;
    }

    /**
     * The same attributes as the nested dictionary the iOS SDKs read from {@code data.pinpoint}: the attribution
     * {@code pinpoint.campaign.campaign_id} becomes {@code {"campaign": {"campaign_id": ...}}}; Context keys are
     * added as they are named ({@code "user.tier"} stays one key), never over an attribution member.
     */
    public static ObjectNode nested(RenderRequest request) {
        ObjectNode pinpoint = JsonNodeFactory.instance.objectNode();
        attribution(request).forEach((key, value) -> {
            String path = key.startsWith(PREFIX) ? key.substring(PREFIX.length()) : key;
            int dot = path.indexOf('.');
            if (dot < 0) {
                pinpoint.put(path, value);
            } else {
                ObjectNode group = pinpoint.get(path.substring(0, dot)) instanceof ObjectNode existing
                        ? existing : pinpoint.putObject(path.substring(0, dot));
                group.put(path.substring(dot + 1), value);
            }
        });
        if (request.context() != null) {
            request.context().forEach((key, value) -> {
                if (!pinpoint.has(key)) {
                    pinpoint.put(key, value);
                }
            });
        }
        return pinpoint;
    }

    /** The campaign or journey a notification belongs to; a direct send's is {@value #DIRECT_CAMPAIGN}. */
    private static Map<String, String> attribution(RenderRequest request) {
        return request.pinpointData() == null || request.pinpointData().isEmpty()
                ? Map.of(PREFIX + "campaign.campaign_id", DIRECT_CAMPAIGN) : request.pinpointData();
    }

    /** The images and icon a message names, which the Android SDKs read from the data keys. */
    public record Images(String imageUrl, String imageIconUrl, String smallImageIconUrl, String iconReference) {
    }

    /**
     * The data keys the Amplify/Pinpoint Android SDKs read from an FCM, ADM or Baidu message: the pinpoint
     * attributes, title, body, silentPush, what to open (openApp, url or deeplink), image URLs, then the
     * message's Data keys (never replacing a pinpoint key) and their JSON as {@code pinpoint.jsonBody}.
     */
    public static Map<String, String> androidData(RenderRequest request, PushContent content, Images images) {
        Map<String, String> data = new LinkedHashMap<>(flat(request));
        putIfPresent(data, NOTIFICATION + "title", content.title());
        putIfPresent(data, NOTIFICATION + "body", content.body());
        data.put(NOTIFICATION + "silentPush", content.silentPush() ? "1" : "0");
        Action action = content.action() == null ? Action.OPEN_APP : content.action();
        switch (action) {
            case OPEN_APP -> data.put(PREFIX + "openApp", "true");
            case URL -> putIfPresent(data, PREFIX + "url", content.url());
            case DEEP_LINK -> putIfPresent(data, PREFIX + "deeplink", content.url());
        }
        putIfPresent(data, NOTIFICATION + "imageUrl", images.imageUrl());
        putIfPresent(data, NOTIFICATION + "imageIconUrl", images.imageIconUrl());
        putIfPresent(data, NOTIFICATION + "imageSmallIconUrl", images.smallImageIconUrl());
        putIfPresent(data, NOTIFICATION + "icon", images.iconReference());
        content.data().forEach(data::putIfAbsent);
        if (!content.data().isEmpty()) {
            data.put(PREFIX + "jsonBody", Json.write(content.data()));
        }
        return data;
    }

    private static void putIfPresent(Map<String, String> data, String key, String value) {
        if (value != null) {
            data.put(key, value);
        }
    }
}
