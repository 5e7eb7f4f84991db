package io.pinpush.providers.adm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.messaging.ADMMessage;
import io.pinpush.messaging.DirectMessageConfiguration;
import io.pinpush.providers.ChannelRenderer;
import io.pinpush.providers.InvalidMessage;
import io.pinpush.providers.PayloadJson;
import io.pinpush.providers.PinpointData;
import io.pinpush.providers.PushContent;
import io.pinpush.providers.RenderRequest;
import io.pinpush.providers.RenderResult;
import io.pinpush.providers.RenderedPush;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.Base64;
import java.util.Map;
import java.util.TreeMap;

/**
 * Renders Pinpoint message settings as the body of ADM's "Send a Message" request,
 * {@code {"data": {...}, "consolidationKey": ..., "expiresAfter": seconds, "md5": ...}}.
 *
 * <p>ADM delivers data only (the app's ADM receiver shows the notification), so everything the Amplify/Pinpoint
 * Android SDKs need travels as the same {@code pinpoint.*} data keys as for FCM, plus {@code pinpoint.notification.sound}.
 * RawContent is that body as written (ConsolidationKey and ExpiresAfter apply where it does not set them).
 * MD5, when given, must be ADM's checksum of the message's Data; since Pinpush adds the pinpoint keys, the
 * checksum sent is recomputed over the data actually sent.
 */
public final class AdmRenderer extends ChannelRenderer<ADMMessage> {

    public static final int MAX_PAYLOAD_BYTES = 6144;
    /** ADM's bounds for expiresAfter: one minute to 31 days. */
    static final long MIN_EXPIRES_AFTER = 60;
    static final long MAX_EXPIRES_AFTER = 2_678_400;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public AdmRenderer(Clock clock) {
        super(clock);
    }

    @Override
    protected PushContent.ChannelFields fields(ADMMessage message) {
        return new PushContent.ChannelFields(message.action(), message.title(), message.body(), message.url(),
                message.silentPush(), message.data(), message.substitutions(), message.rawContent());
    }

    @Override
    protected RenderResult render(RenderRequest request, ADMMessage message, PushContent content) {
        ObjectNode body = content.hasRawContent() ? fromRawContent(content.rawContent()) : standard(request, message, content);
        if (message.consolidationKey() != null && !body.has("consolidationKey")) {
            body.put("consolidationKey", message.consolidationKey());
        }
        if (message.expiresAfter() != null && !body.has("expiresAfter")) {
            body.put("expiresAfter", expiresAfter(message.expiresAfter()));
        }
        if (message.md5() != null && !content.hasRawContent()) {
            if (!message.md5().equals(checksum(content.data()))) {
                throw new InvalidMessage("MD5 is not the checksum of the message's Data");
            }
            body.put("md5", checksum(stringMap(body.get("data"))));
        }

        String payload = PayloadJson.write(body);
        int size = PayloadJson.utf8Length(payload);
        if (size > MAX_PAYLOAD_BYTES) {
            return new RenderResult.TooLarge("The ADM message is " + size + " bytes; ADM accepts at most "
                    + MAX_PAYLOAD_BYTES + " bytes");
        }
        Long expiresAt = body.has("expiresAfter") ? clock.millis() + body.get("expiresAfter").asLong() * 1000 : null;
        return new RenderResult.Rendered(new RenderedPush(request.channelType(), request.address(), payload, Map.of(), expiresAt));
    }

    @Override
    protected ADMMessage message(DirectMessageConfiguration configuration) {
        ADMMessage message = configuration == null ? null : configuration.admMessage();
        return message != null ? message
                : new ADMMessage(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static ObjectNode standard(RenderRequest request, ADMMessage message, PushContent content) {
        Map<String, String> data = PinpointData.androidData(request, content, new PinpointData.Images(message.imageUrl(),
                message.imageIconUrl(), message.smallImageIconUrl(), message.iconReference()));
        if (message.sound() != null) {
            data.putIfAbsent(PinpointData.NOTIFICATION + "sound", message.sound());
        }
        ObjectNode body = JSON.objectNode();
        data.forEach(body.putObject("data")::put);
        return body;
    }

    private static ObjectNode fromRawContent(String rawContent) {
        ObjectNode raw = PayloadJson.parseObject(rawContent, "RawContent");
        JsonNode data = raw.get("data");
        if (data == null) {
            raw.putObject("data");
        } else if (!data.isObject()) {
            throw new InvalidMessage("RawContent data must be a JSON object");
        } else {
            data.fields().forEachRemaining(field -> {
                if (!field.getValue().isTextual()) {
                    throw new InvalidMessage("ADM data values must be strings; " + field.getKey() + " is not");
                }
            });
        }
        if (raw.has("expiresAfter")) {
            raw.put("expiresAfter", expiresAfter(raw.get("expiresAfter").asText()));
        }
        return raw;
    }

    static long expiresAfter(String seconds) {
        long value;
        try {
            value = Long.parseLong(seconds.trim());
        } catch (NumberFormatException e) {
            throw new InvalidMessage("ExpiresAfter must be a number of seconds, was " + seconds);
        }
        if (value < MIN_EXPIRES_AFTER || value > MAX_EXPIRES_AFTER) {
            throw new InvalidMessage("ExpiresAfter must be between " + MIN_EXPIRES_AFTER + " and " + MAX_EXPIRES_AFTER
                    + " seconds (31 days), was " + value);
        }
        return value;
    }

    /**
     * ADM's data checksum: the key-value pairs sorted by key, written {@code key:value} and joined with commas,
     * MD5 of their UTF-8 bytes, base64.
     */
    public static String checksum(Map<String, String> data) {
        StringBuilder joined = new StringBuilder();
        new TreeMap<>(data).forEach((key, value) -> {
            if (!joined.isEmpty()) {
                joined.append(',');
            }
            joined.append(key).append(':').append(value);
        });
        try {
            return Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5")
                    .digest(joined.toString().getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JDK has MD5", e);
        }
    }

    public static Map<String, String> stringMap(JsonNode data) {
        Map<String, String> map = new TreeMap<>();
        data.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
        return map;
    }
}
