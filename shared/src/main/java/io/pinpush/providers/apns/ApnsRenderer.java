package io.pinpush.providers.apns;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.messaging.APNSMessage;
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
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Renders Pinpoint message settings as an APNs request: the JSON payload and the apns-* headers.
 *
 * <p>The payload is {@code {"aps": {...}, "data": {"pinpoint": {...}, "media-url": ...}, <Data keys>}}:
 * {@code aps} holds what iOS displays, {@code data.pinpoint} what the Pinpoint/Amplify iOS SDKs read (campaign
 * attributes, {@code deeplink} for the URL and DEEP_LINK actions, the message Data as {@code jsonBody}), and the
 * Data keys also sit at the top level where an app without those SDKs finds custom keys. RawContent is sent
 * verbatim instead.
 */
public final class ApnsRenderer extends ChannelRenderer<APNSMessage> {

    public static final String PUSH_TYPE = "apns-push-type";
    public static final String PRIORITY = "apns-priority";
    public static final String EXPIRATION = "apns-expiration";
    public static final String COLLAPSE_ID = "apns-collapse-id";

    public static final int MAX_PAYLOAD_BYTES = 4096;
    public static final int MAX_VOIP_PAYLOAD_BYTES = 5120;
    private static final int MAX_COLLAPSE_ID_BYTES = 64;
    private static final int IMMEDIATELY = 10;
    private static final int CONSERVE_POWER = 5;

    public ApnsRenderer(Clock clock) {
        super(clock);
    }

    @Override
    protected PushContent.ChannelFields fields(APNSMessage message) {
        return new PushContent.ChannelFields(message.action(), message.title(), message.body(), message.url(),
                message.silentPush(), message.data(), message.substitutions(), message.rawContent());
    }

    @Override
    protected RenderResult render(RenderRequest request, APNSMessage message, PushContent content) {
        ObjectNode raw = content.hasRawContent() ? PayloadJson.parseObject(content.rawContent(), "RawContent") : null;
        ApnsPushType pushType = pushType(request, message, content, raw);
        String payload = raw != null ? content.rawContent() : PayloadJson.write(payload(request, message, content, pushType));

        int limit = request.channelType().isApnsVoip() ? MAX_VOIP_PAYLOAD_BYTES : MAX_PAYLOAD_BYTES;
        int size = PayloadJson.utf8Length(payload);
        if (size > limit) {
            return new RenderResult.TooLarge("The APNs payload is " + size + " bytes; APNs accepts at most " + limit
                    + " bytes for a " + (limit == MAX_VOIP_PAYLOAD_BYTES ? "VoIP " : "") + "notification");
        }

        Map<String, String> headers = new LinkedHashMap<>();
        headers.put(PUSH_TYPE, pushType.headerValue());
        headers.put(PRIORITY, Integer.toString(priority(message.priority(), pushType)));
        Long expiresAt = null;
        if (message.timeToLive() != null) {
            if (message.timeToLive() < 0) {
                throw new InvalidMessage("TimeToLive must be 0 or more seconds");
            }
            long expiration = message.timeToLive() == 0 ? 0 : clock.instant().getEpochSecond() + message.timeToLive();
            headers.put(EXPIRATION, Long.toString(expiration));
            // 0 asks APNs to try once, now: that is no reason for us to drop it if it waits in the queue a little.
            expiresAt = expiration == 0 ? null : expiration * 1000;
        }
        if (message.collapseId() != null) {
            if (message.collapseId().getBytes(StandardCharsets.UTF_8).length > MAX_COLLAPSE_ID_BYTES) {
                throw new InvalidMessage("CollapseId can't exceed " + MAX_COLLAPSE_ID_BYTES + " bytes");
            }
            headers.put(COLLAPSE_ID, message.collapseId());
        }
        return new RenderResult.Rendered(new RenderedPush(request.channelType(), request.address(), payload, headers,
                expiresAt, message.preferredAuthenticationMethod()));
    }

    @Override
    protected APNSMessage message(DirectMessageConfiguration configuration) {
        APNSMessage message = configuration == null ? null : configuration.apnsMessage();
        return message != null ? message
                : new APNSMessage(null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static ApnsPushType pushType(RenderRequest request, APNSMessage message, PushContent content, ObjectNode raw) {
        if (message.apnsPushType() != null) {
            ApnsPushType type = ApnsPushType.fromHeaderValue(message.apnsPushType()).orElseThrow(() -> new InvalidMessage(
                    "APNSPushType must be one of " + ApnsPushType.allowedValues() + ", was " + message.apnsPushType()));
            if (!type.sendable()) {
                throw new InvalidMessage("APNSPushType " + type.headerValue() + " is not supported by this version of Pinpush");
            }
            return type;
        }
        if (request.channelType().isApnsVoip()) {
            return ApnsPushType.VOIP;
        }
        if (content.silentPush() || (raw != null && isBackground(raw))) {
            return ApnsPushType.BACKGROUND;
        }
        return ApnsPushType.ALERT;
    }

    /** A raw payload that only wakes the app (content-available, nothing to show) is a background notification. */
    private static boolean isBackground(ObjectNode raw) {
        JsonNode aps = raw.path("aps");
        return aps.path("content-available").asInt(0) == 1
                && !aps.has("alert") && !aps.has("badge") && !aps.has("sound");
    }

    private static int priority(String priority, ApnsPushType pushType) {
        if (pushType == ApnsPushType.BACKGROUND) {
            // APNs refuses background notifications sent with priority 10.
            return CONSERVE_POWER;
        }
        if (priority == null) {
            return IMMEDIATELY;
        }
        return switch (priority.trim().toLowerCase(Locale.ROOT)) {
            case "high", "10" -> IMMEDIATELY;
            case "normal", "5" -> CONSERVE_POWER;
            default -> throw new InvalidMessage("Priority must be high, normal, 10 or 5, was " + priority);
        };
    }

    private static ObjectNode payload(RenderRequest request, APNSMessage message, PushContent content, ApnsPushType pushType) {
        JsonNodeFactory json = JsonNodeFactory.instance;
        ObjectNode payload = json.objectNode();
        ObjectNode aps = payload.putObject("aps");
        boolean silent = content.silentPush() || pushType == ApnsPushType.BACKGROUND;
        if (silent) {
            // Apple: a background notification carries no alert, badge or sound.
            aps.put("content-available", 1);
        } else {
            if (content.title() != null || content.body() != null) {
                ObjectNode alert = aps.putObject("alert");
                putIfPresent(alert, "title", content.title());
                putIfPresent(alert, "body", content.body());
            }
            if (message.badge() != null) {
                aps.put("badge", message.badge());
            }
            putIfPresent(aps, "sound", message.sound());
        }
        putIfPresent(aps, "category", message.category());
        putIfPresent(aps, "thread-id", message.threadId());

        ObjectNode data = payload.putObject("data");
        ObjectNode pinpoint = PinpointData.nested(request);
        if (content.linkToOpen() != null) {
            pinpoint.put("deeplink", content.linkToOpen());
        }
        if (!content.data().isEmpty()) {
            ObjectNode jsonBody = pinpoint.putObject("jsonBody");
            content.data().forEach(jsonBody::put);
        }
        data.set("pinpoint", pinpoint);
        if (message.mediaUrl() != null && !silent) {
            aps.put("mutable-content", 1);
            data.put("media-url", message.mediaUrl());
        }
        content.data().forEach((key, value) -> {
            if (!payload.has(key)) {
                payload.put(key, value);
            }
        });
        return payload;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
