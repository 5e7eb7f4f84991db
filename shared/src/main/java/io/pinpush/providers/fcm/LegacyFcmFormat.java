package io.pinpush.providers.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.providers.InvalidMessage;
import java.util.Iterator;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The legacy FCM (GCM) JSON format and its translation to and from FCM HTTP v1.
 *
 * <p>Customers still write RawContent in the legacy form ({@code {"notification": {...}, "data": {...}}}); Pinpush
 * sends it as the equivalent v1 message. The other direction serves channels that still hold a legacy server key.
 */
public final class LegacyFcmFormat {

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
    /** Legacy notification keys that are common to every platform in v1; the rest are Android settings. */
    private static final Set<String> COMMON_NOTIFICATION_KEYS = Set.of("title", "body", "image");
    /** Targets in a legacy payload; the address the message is sent to always wins. */
    private static final Set<String> IGNORED_TARGETS = Set.of("to", "registration_ids");

    private LegacyFcmFormat() {
    }

    /** A legacy payload as the v1 send request {@code {"message": {...}}} (without the token). */
    public static ObjectNode toV1Request(ObjectNode legacy) {
        ObjectNode request = JSON.objectNode();
        ObjectNode message = request.putObject("message");
        for (Iterator<Map.Entry<String, JsonNode>> fields = legacy.fields(); fields.hasNext(); ) {
            Map.Entry<String, JsonNode> field = fields.next();
            JsonNode value = field.getValue();
            switch (field.getKey()) {
                case "notification" -> notification(requireObject(value, "notification"), message);
                case "data" -> message.set("data", stringValues(requireObject(value, "data")));
                case "priority" -> android(message).put("priority", FcmRenderer.androidPriority(value.asText()));
                case "time_to_live" -> {
                    if (!value.canConvertToLong() || value.asLong() < 0) {
                        throw new InvalidMessage("RawContent time_to_live must be a number of seconds");
                    }
                    android(message).put("ttl", value.asLong() + "s");
                }
                case "collapse_key" -> android(message).put("collapse_key", value.asText());
                case "restricted_package_name" -> android(message).put("restricted_package_name", value.asText());
                case "content_available" -> {
                    if (value.asBoolean()) {
                        aps(message).put("content-available", 1);
                    }
                }
                case "mutable_content" -> {
                    if (value.asBoolean()) {
                        aps(message).put("mutable-content", 1);
                    }
                }
                case "dry_run" -> request.put("validate_only", value.asBoolean());
                default -> {
                    if (!IGNORED_TARGETS.contains(field.getKey())) {
                        throw new InvalidMessage("RawContent member " + field.getKey() + " has no FCM HTTP v1 equivalent");
                    }
                }
            }
        }
        return request;
    }

    /** A v1 send request as the legacy body for {@code /fcm/send}, addressed to {@code token}. */
    public static ObjectNode fromV1Request(JsonNode request, String token) {
        JsonNode message = request.path("message");
        JsonNode android = message.path("android");
        ObjectNode legacy = JSON.objectNode();
        legacy.put("to", token);

        ObjectNode notification = JSON.objectNode();
        message.path("notification").fields().forEachRemaining(field -> notification.set(field.getKey(), field.getValue()));
        android.path("notification").fields().forEachRemaining(field -> notification.set(
                field.getKey().equals("channel_id") ? "android_channel_id" : field.getKey(), field.getValue()));
        if (!notification.isEmpty()) {
            legacy.set("notification", notification);
        }
        if (message.has("data")) {
            legacy.set("data", message.get("data"));
        }
        if (android.has("priority")) {
            legacy.put("priority", android.get("priority").asText().toLowerCase(Locale.ROOT));
        }
        if (android.has("ttl")) {
            legacy.put("time_to_live", FcmRenderer.ttlSeconds(android.get("ttl").asText()).longValue());
        }
        if (android.has("collapse_key")) {
            legacy.set("collapse_key", android.get("collapse_key"));
        }
        if (android.has("restricted_package_name")) {
            legacy.set("restricted_package_name", android.get("restricted_package_name"));
        }
        if (message.path("apns").path("payload").path("aps").path("content-available").asInt(0) == 1) {
            legacy.put("content_available", true);
        }
        if (request.path("validate_only").asBoolean(false)) {
            legacy.put("dry_run", true);
        }
        return legacy;
    }

    private static void notification(ObjectNode legacy, ObjectNode message) {
        legacy.fields().forEachRemaining(field -> {
            if (COMMON_NOTIFICATION_KEYS.contains(field.getKey())) {
                object(message, "notification").set(field.getKey(), field.getValue());
            } else if (field.getKey().equals("badge")) {
                // iOS only: v1 has no Android badge, and FCM refuses the message with one.
                if (!field.getValue().asText().matches("\\d{1,9}")) {
                    throw new InvalidMessage("RawContent notification.badge must be a whole number");
                }
                aps(message).put("badge", Integer.parseInt(field.getValue().asText()));
            } else if (field.getKey().equals("subtitle")) {
                object(aps(message), "alert").set("subtitle", field.getValue()); // iOS only, as badge
            } else {
                String key = field.getKey().equals("android_channel_id") ? "channel_id" : field.getKey();
                object(android(message), "notification").set(key, field.getValue());
            }
        });
    }

    /** v1 data values are strings; the legacy API also took numbers, booleans and objects, which become their JSON text. */
    static ObjectNode stringValues(ObjectNode data) {
        ObjectNode strings = JSON.objectNode();
        data.fields().forEachRemaining(field -> strings.put(field.getKey(),
                field.getValue().isTextual() ? field.getValue().asText() : field.getValue().toString()));
        return strings;
    }

    static ObjectNode android(ObjectNode message) {
        return object(message, "android");
    }

    private static ObjectNode aps(ObjectNode message) {
        return object(object(object(message, "apns"), "payload"), "aps");
    }

    /** The child object {@code name} of {@code parent}, created when absent. */
    static ObjectNode object(ObjectNode parent, String name) {
        JsonNode child = parent.get(name);
        if (child == null) {
            return parent.putObject(name);
        }
        if (child instanceof ObjectNode object) {
            return object;
        }
        throw new InvalidMessage("RawContent member " + name + " must be a JSON object");
    }

    private static ObjectNode requireObject(JsonNode node, String name) {
        if (node instanceof ObjectNode object) {
            return object;
        }
        throw new InvalidMessage("RawContent member " + name + " must be a JSON object");
    }
}
