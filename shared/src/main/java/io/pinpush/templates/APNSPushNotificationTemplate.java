package io.pinpush.templates;

import io.pinpush.messaging.Action;
import java.util.Map;

/** Pinpoint's APNSPushNotificationTemplate: the APNs part of a push template. */
public record APNSPushNotificationTemplate(
        Action action,
        String body,
        String mediaUrl,
        String rawContent,
        String sound,
        String title,
        String url) {

    /** The members that hold text, by their wire name: each is a Handlebars template part. */
    Map<String, String> parts() {
        return TemplateParts.of("Body", body, "MediaUrl", mediaUrl, "RawContent", rawContent, "Sound", sound,
                "Title", title, "Url", url);
    }
}
