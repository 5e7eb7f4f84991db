package io.pinpush.messaging;

import java.util.List;
import java.util.Map;

/** Pinpoint's DefaultPushNotificationMessage: Specifies the default settings and content for a push notification that's sent directly to an endpoint. */
public record DefaultPushNotificationMessage(
        Action action,
        String body,
        Map<String, String> data,
        Boolean silentPush,
        Map<String, List<String>> substitutions,
        String title,
        String url) {
}
