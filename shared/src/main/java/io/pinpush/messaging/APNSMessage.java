package io.pinpush.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Pinpoint's APNSMessage: Specifies the settings for a one-time message that's sent directly to an endpoint through the APNs (Apple Push Notification service) channel. */
public record APNSMessage(
        @JsonProperty("APNSPushType") String apnsPushType,
        Action action,
        Integer badge,
        String body,
        String category,
        String collapseId,
        Map<String, String> data,
        String mediaUrl,
        String preferredAuthenticationMethod,
        String priority,
        String rawContent,
        Boolean silentPush,
        String sound,
        Map<String, List<String>> substitutions,
        String threadId,
        Integer timeToLive,
        String title,
        String url) {
}
