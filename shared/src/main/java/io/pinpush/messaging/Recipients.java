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

    /** A push message, or a push template to take it from; Pinpush sends nothing else. */
    static void requireMessage(DirectMessageConfiguration message, TemplateConfiguration templates) {
        if (message == null) {
            throw ApiError.badRequest("MessageConfiguration is required: the content of the push notification "
                    + "(it may be {} when TemplateConfiguration.PushTemplate provides the content)");
        }
        if (templates == null) {
            if (!message.hasPushMessage()) {
                throw ApiError.badRequest("MessageConfiguration needs a push message: DefaultPushNotificationMessage, "
                        + "DefaultMessage, APNSMessage, GCMMessage, ADMMessage or BaiduMessage");
            }
            return;
        }
        if (templates.emailTemplate() != null || templates.smsTemplate() != null || templates.voiceTemplate() != null
                || templates.inAppTemplate() != null) {
            throw ApiError.badRequest("TemplateConfiguration may only name a PushTemplate: Pinpush delivers push "
                    + "notifications only");
        }
        if (templates.pushTemplate() == null || templates.pushTemplate().name() == null
                || templates.pushTemplate().name().isBlank()) {
            throw ApiError.badRequest("TemplateConfiguration.PushTemplate.Name is required");
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
