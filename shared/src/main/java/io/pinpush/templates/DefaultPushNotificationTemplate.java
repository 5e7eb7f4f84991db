package io.pinpush.templates;

import io.pinpush.messaging.Action;
import java.util.Map;

/** Pinpoint's DefaultPushNotificationTemplate: the part used for push channels that have no part of their own. */
public record DefaultPushNotificationTemplate(
        Action action,
        String body,
        String sound,
        String title,
        String url) {

    /** The members that hold text, by their wire name: each is a Handlebars template part. */
    Map<String, String> parts() {
        return TemplateParts.of("Body", body, "Sound", sound, "Title", title, "Url", url);
    }
}
