package io.pinpush.messaging;

import io.pinpush.api.ApiError;
import io.pinpush.channels.ChannelType;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;

/** The request-level rules SendMessages and SendUsersMessages share. */
final class Recipients {

    static final String PUSH_CHANNELS = Arrays.stream(ChannelType.values()).filter(ChannelType::isPush)
            .map(Enum::name).collect(Collectors.joining(", "));

    private Recipients() {
    }

    /** An unmodifiable copy in the caller's order; null and empty both become empty. */
    static <V> Map<String, V> orderedCopy(Map<String, V> map) {
        return map == null || map.isEmpty() ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }

    static void requireMessage(DirectMessageConfiguration message, TemplateConfiguration template) {
        if (message == null) {
            throw ApiError.badRequest("MessageConfiguration is required: the content of the push notification");
        }
        if (template != null) {
            throw ApiError.badRequest("TemplateConfiguration is not supported yet: put the content in MessageConfiguration");
        }
        if (!message.hasPushMessage()) {
            throw ApiError.badRequest("MessageConfiguration needs a push message: DefaultPushNotificationMessage, "
                    + "DefaultMessage, APNSMessage, GCMMessage, ADMMessage or BaiduMessage");
        }
    }

    static void requireAtMost(int size, int max, String member) {
        if (size > max) {
            throw ApiError.badRequest("At most " + max + " " + member + " per request, got " + size
                    + ": split the recipients over several requests");
        }
    }

    static void requireKey(String key, String member) {
        if (key == null || key.isBlank()) {
            throw ApiError.badRequest(member + " must not contain an empty key");
        }
    }
}
