package io.pinpush.templates;

import io.pinpush.messaging.Action;
import java.util.Map;

/** Pinpoint's AndroidPushNotificationTemplate: the ADM, Baidu and GCM (FCM) parts of a push template. */
public record AndroidPushNotificationTemplate(
        Action action,
        String body,
        String imageIconUrl,
        String imageUrl,
        String rawContent,
        String smallImageIconUrl,
        String sound,
        String title,
        String url) {

    /** The members that hold text, by their wire name: each is a Handlebars template part. */
    Map<String, String> parts() {
        return TemplateParts.of("Body", body, "ImageIconUrl", imageIconUrl, "ImageUrl", imageUrl,
                "RawContent", rawContent, "SmallImageIconUrl", smallImageIconUrl, "Sound", sound,
                "Title", title, "Url", url);
    }
}
