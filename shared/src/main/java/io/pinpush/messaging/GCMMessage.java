package io.pinpush.messaging;

import java.util.List;
import java.util.Map;

/** Pinpoint's GCMMessage: Specifies the settings for a one-time message that's sent directly to an endpoint through the GCM channel. */
public record GCMMessage(
        Action action,
        String body,
        String collapseKey,
        Map<String, String> data,
        String iconReference,
        String imageIconUrl,
        String imageUrl,
        String preferredAuthenticationMethod,
        String priority,
        String rawContent,
        String restrictedPackageName,
        Boolean silentPush,
        String smallImageIconUrl,
        String sound,
        Map<String, List<String>> substitutions,
        Integer timeToLive,
        String title,
        String url) {
}
