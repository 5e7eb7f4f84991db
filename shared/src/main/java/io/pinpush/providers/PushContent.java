package io.pinpush.providers;

import io.pinpush.messaging.Action;
import io.pinpush.messaging.DefaultMessage;
import io.pinpush.messaging.DefaultPushNotificationMessage;
import io.pinpush.messaging.DirectMessageConfiguration;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The content fields every push family shares, with Pinpoint's precedence applied once: a per-address override
 * beats the channel's message (APNSMessage, GCMMessage, ...), which beats DefaultPushNotificationMessage, which
 * beats DefaultMessage. Maps (Data, Substitutions) merge key by key in the same order. Title and body have their
 * message variables substituted; raw content too, with values escaped for JSON.
 *
 * @param rawContent the raw provider payload, or null when the message is built from the fields
 */
public record PushContent(Action action, String title, String body, String url, boolean silentPush,
                          Map<String, String> data, String rawContent) {

    /** The same fields of a channel-specific message (the caller picks them out of APNSMessage, GCMMessage, ...). */
    public record ChannelFields(Action action, String title, String body, String url, Boolean silentPush,
                                Map<String, String> data, Map<String, List<String>> substitutions, String rawContent) {
    }

    public static PushContent of(RenderRequest request, ChannelFields channel) {
        DirectMessageConfiguration configuration = request.messageConfiguration();
        DefaultPushNotificationMessage push = configuration == null ? null : configuration.defaultPushNotificationMessage();
        DefaultMessage fallback = configuration == null ? null : configuration.defaultMessage();

        Map<String, List<String>> variables = new LinkedHashMap<>();
        putAll(variables, fallback == null ? null : fallback.substitutions());
        putAll(variables, push == null ? null : push.substitutions());
        putAll(variables, channel.substitutions());
        putAll(variables, request.substitutions());

        Map<String, String> data = new LinkedHashMap<>();
        putAll(data, push == null ? null : push.data());
        putAll(data, channel.data());

        String body = first(request.bodyOverride(), channel.body(), push == null ? null : push.body(),
                fallback == null ? null : fallback.body());
        String title = first(request.titleOverride(), channel.title(), push == null ? null : push.title());
        String raw = first(request.rawContent(), channel.rawContent());

        return new PushContent(
                first(channel.action(), push == null ? null : push.action()),
                MessageVariables.substitute(title, variables),
                MessageVariables.substitute(body, variables),
                first(channel.url(), push == null ? null : push.url()),
                Boolean.TRUE.equals(first(channel.silentPush(), push == null ? null : push.silentPush())),
                Collections.unmodifiableMap(data),
                MessageVariables.substituteInJson(raw, variables));
    }

    public boolean hasRawContent() {
        return rawContent != null && !rawContent.isBlank();
    }

    /** The URL the device SDKs open: only for the URL and DEEP_LINK actions. */
    public String linkToOpen() {
        return action == Action.URL || action == Action.DEEP_LINK ? url : null;
    }

    @SafeVarargs
    private static <T> T first(T... candidates) {
        for (T candidate : candidates) {
            if (candidate != null) {
                return candidate;
            }
        }
        return null;
    }

    private static <V> void putAll(Map<String, V> target, Map<String, V> source) {
        if (source != null) {
            target.putAll(source);
        }
    }
}
