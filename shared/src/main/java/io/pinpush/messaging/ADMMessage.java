package io.pinpush.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Map;

/** Pinpoint's ADMMessage: Specifies the settings for a one-time message that's sent directly to an endpoint through the ADM (Amazon Device Messaging) channel. */
public record ADMMessage(
        Action action,
        String body,
        String consolidationKey,
        Map<String, String> data,
        String expiresAfter,
        String iconReference,
        String imageIconUrl,
        String imageUrl,
        @JsonProperty("MD5") String md5,
        String rawContent,
        Boolean silentPush,
        String smallImageIconUrl,
        String sound,
        Map<String, List<String>> substitutions,
        String title,
        String url) {
}
