package io.pinpush.providers.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.messaging.DirectMessageConfiguration;
import io.pinpush.messaging.GCMMessage;
import io.pinpush.providers.ChannelRenderer;
import io.pinpush.providers.InvalidMessage;
import io.pinpush.providers.PayloadJson;
import io.pinpush.providers.PinpointData;
import io.pinpush.providers.PushContent;
import io.pinpush.providers.RenderRequest;
import io.pinpush.providers.RenderResult;
import io.pinpush.providers.RenderedPush;
import java.math.BigDecimal;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Renders Pinpoint message settings as an FCM HTTP v1 send request, {@code {"message": {..., "token": address}}}.
 *
 * <p>A standard message carries {@code notification} (title, body, image) so any Android app shows it, and in
 * {@code data} the {@code pinpoint.*} keys the Amplify/Pinpoint Android SDKs read (title, body, silentPush,
 * openApp/url/deeplink, image URLs, campaign attributes) next to the message's Data keys and their JSON as
 * {@code pinpoint.jsonBody}. A silent message is data only. RawContent is accepted in the legacy FCM form
 * (converted to v1) and as {@code {"fcmV1Message": {"message": {...}}}} (sent as written, with the token set).
 * TimeToLive, Priority, CollapseKey and RestrictedPackageName apply where the payload does not set them itself.
 */
public final class FcmRenderer extends ChannelRenderer<GCMMessage> {

    public static final int MAX_PAYLOAD_BYTES = 4096;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    private static final Pattern DURATION = Pattern.compile("(\\d+(?:\\.\\d{1,9})?)s");

    public FcmRenderer(Clock clock) {
        super(clock);
    }

    @Override
    protected PushContent.ChannelFields fields(GCMMessage message) {
        return new PushContent.ChannelFields(message.action(), message.title(), message.body(), message.url(),
                message.silentPush(), message.data(), message.substitutions(), message.rawContent());
    }

    @Override
    protected RenderResult render(RenderRequest request, GCMMessage message, PushContent content) {
        ObjectNode sendRequest = content.hasRawContent() ? fromRawContent(content.rawContent())
                : standard(request, message, content);
        ObjectNode v1Message = (ObjectNode) sendRequest.get("message");
        applyDeliveryOptions(v1Message, message);
        validateData(v1Message.get("data"));

        String v1Json = PayloadJson.write(v1Message);
        int size = PayloadJson.utf8Length(v1Json);
        if (size > MAX_PAYLOAD_BYTES) {
            return new RenderResult.TooLarge("The FCM message is " + size + " bytes; FCM accepts at most "
                    + MAX_PAYLOAD_BYTES + " bytes");
        }
        return new RenderResult.Rendered(new RenderedPush(request.channelType(), request.address(),
                sendRequest(sendRequest, v1Message, v1Json, request.address()), Map.of(), expiresAt(v1Message),
                message.preferredAuthenticationMethod()));
    }

    /**
     * The send request for {@code address}. The message was just written once to measure it; when only the token
     * is missing (every standard message, most RawContent), the token is appended to that text instead of
     * writing the whole tree a second time.
     */
    private static String sendRequest(ObjectNode sendRequest, ObjectNode v1Message, String v1Json, String address) {
        if (sendRequest.size() == 1 && !v1Message.has("topic") && !v1Message.has("condition") && !v1Message.has("token")) {
            return "{\"message\":" + PayloadJson.withStringMember(v1Json, "token", address) + "}";
        }
        v1Message.remove("topic");
        v1Message.remove("condition");
        v1Message.put("token", address);
        return PayloadJson.write(sendRequest);
    }

    @Override
    protected GCMMessage message(DirectMessageConfiguration configuration) {
        GCMMessage message = configuration == null ? null : configuration.gcmMessage();
        return message != null ? message
                : new GCMMessage(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static ObjectNode fromRawContent(String rawContent) {
        ObjectNode raw = PayloadJson.parseObject(rawContent, "RawContent");
        if (!raw.has("fcmV1Message")) {
            return LegacyFcmFormat.toV1Request(raw);
        }
        if (!(raw.get("fcmV1Message") instanceof ObjectNode v1)) {
            throw new InvalidMessage("RawContent fcmV1Message must be a JSON object");
        }
        ObjectNode request = v1.has("message") ? v1.deepCopy() : JSON.objectNode().set("message", v1.deepCopy());
        if (!(request.get("message") instanceof ObjectNode)) {
            throw new InvalidMessage("RawContent fcmV1Message.message must be a JSON object");
        }
        return request;
    }

    private static ObjectNode standard(RenderRequest request, GCMMessage message, PushContent content) {
        ObjectNode sendRequest = JSON.objectNode();
        ObjectNode v1Message = sendRequest.putObject("message");
        if (!content.silentPush()) {
            ObjectNode notification = JSON.objectNode();
            putIfPresent(notification, "title", content.title());
            putIfPresent(notification, "body", content.body());
            putIfPresent(notification, "image", message.imageUrl());
            if (!notification.isEmpty()) {
                v1Message.set("notification", notification);
            }
            ObjectNode androidNotification = JSON.objectNode();
            putIfPresent(androidNotification, "icon", message.iconReference());
            putIfPresent(androidNotification, "sound", message.sound());
            if (!androidNotification.isEmpty()) {
                LegacyFcmFormat.android(v1Message).set("notification", androidNotification);
            }
        }

        ObjectNode data = v1Message.putObject("data");
        PinpointData.androidData(request, content, new PinpointData.Images(message.imageUrl(), message.imageIconUrl(),
                message.smallImageIconUrl(), message.iconReference())).forEach(data::put);
        return sendRequest;
    }

    /** The message's delivery settings, unless the payload (RawContent) already decides them. */
    private static void applyDeliveryOptions(ObjectNode v1Message, GCMMessage message) {
        if (v1Message.has("android") && !(v1Message.get("android") instanceof ObjectNode)) {
            throw new InvalidMessage("RawContent message.android must be a JSON object");
        }
        ObjectNode android = v1Message.has("android") ? (ObjectNode) v1Message.get("android") : JSON.objectNode();
        if (message.priority() != null && !android.has("priority")) {
            android.put("priority", androidPriority(message.priority()));
        }
        if (message.timeToLive() != null && !android.has("ttl")) {
            if (message.timeToLive() < 0) {
                throw new InvalidMessage("TimeToLive must be 0 or more seconds");
            }
            android.put("ttl", message.timeToLive() + "s");
        }
        if (message.collapseKey() != null && !android.has("collapse_key")) {
            android.put("collapse_key", message.collapseKey());
        }
        if (message.restrictedPackageName() != null && !android.has("restricted_package_name")) {
            android.put("restricted_package_name", message.restrictedPackageName());
        }
        if (!android.isEmpty()) {
            v1Message.set("android", android);
        }
    }

    /** FCM refuses data that is not a map of strings, or that uses its reserved keys. */
    private static void validateData(JsonNode data) {
        if (data == null) {
            return;
        }
        if (!data.isObject()) {
            throw new InvalidMessage("The FCM message data must be a JSON object");
        }
        data.fields().forEachRemaining(field -> {
            String key = field.getKey();
            if (!field.getValue().isTextual()) {
                throw new InvalidMessage("FCM data values must be strings; " + key + " is not");
            }
            if (key.equals("from") || key.equals("message_type") || key.startsWith("google.") || key.startsWith("gcm.")) {
                throw new InvalidMessage("Data key " + key + " is reserved by FCM");
            }
        });
    }

    private Long expiresAt(ObjectNode v1Message) {
        JsonNode ttl = v1Message.path("android").get("ttl");
        if (ttl == null) {
            return null;
        }
        BigDecimal seconds = ttlSeconds(ttl.asText());
        // A TTL of 0 means "now or never" to FCM; waiting briefly in our queue is not a reason to drop it.
        return seconds.signum() == 0 ? null : clock.millis() + seconds.movePointRight(3).longValue();
    }

    static String androidPriority(String priority) {
        return switch (priority.trim().toLowerCase(Locale.ROOT)) {
            case "high", "10" -> "HIGH";
            case "normal", "5" -> "NORMAL";
            default -> throw new InvalidMessage("Priority must be high, normal, 10 or 5, was " + priority);
        };
    }

    /** A protobuf Duration as FCM writes it: {@code "30s"}, {@code "10023.32s"}. */
    static BigDecimal ttlSeconds(String ttl) {
        Matcher matcher = DURATION.matcher(ttl.trim());
        if (!matcher.matches()) {
            throw new InvalidMessage("android.ttl must be a duration in seconds such as \"3.5s\", was " + ttl);
        }
        return new BigDecimal(matcher.group(1));
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
