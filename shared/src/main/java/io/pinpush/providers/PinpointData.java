package io.pinpush.providers;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
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

    private PinpointData() {
    }

    /** Flat keys, for FCM data: {@code pinpoint.campaign.campaign_id}, {@code pinpoint.<context key>}. */
    public static Map<String, String> flat(RenderRequest request) {
        Map<String, String> keys = new LinkedHashMap<>();
        if (request.pinpointData() == null || request.pinpointData().isEmpty()) {
            keys.put(PREFIX + "campaign.campaign_id", DIRECT_CAMPAIGN);
        } else {
            keys.putAll(request.pinpointData());
        }
        if (request.context() != null) {
            request.context().forEach((key, value) -> keys.putIfAbsent(PREFIX + key, value));
        }
        return keys;
    }

    /**
     * The same attributes as the nested dictionary the iOS SDKs read from {@code data.pinpoint}:
     * {@code pinpoint.campaign.campaign_id} becomes {@code {"campaign": {"campaign_id": ...}}}.
     */
    public static ObjectNode nested(RenderRequest request) {
        ObjectNode pinpoint = JsonNodeFactory.instance.objectNode();
        flat(request).forEach((key, value) -> {
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
        return pinpoint;
    }
}
