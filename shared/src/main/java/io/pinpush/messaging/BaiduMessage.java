package io.pinpush.messaging;

import java.util.List;
import java.util.Map;

/** Pinpoint's BaiduMessage: Specifies the settings for a one-time message that's sent directly to an endpoint through the Baidu (Baidu Cloud Push) channel. */
public record BaiduMessage(
        Action action,
        String body,
        Map<String, String> data,
        String iconReference,
        String imageIconUrl,
        String imageUrl,
        String rawContent,
        Boolean silentPush,
        String smallImageIconUrl,
        String sound,
        Map<String, List<String>> substitutions,
        Integer timeToLive,
        String title,
        String url) {
}
