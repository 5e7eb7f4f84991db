package io.pinpush.providers.apns;

import java.util.Arrays;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * Apple's apns-push-type values and the topic each one is sent to: the app's bundle id plus a suffix Apple
 * prescribes for some types (a VoIP notification goes to {@code <bundle>.voip}, a complication to
 * {@code <bundle>.complication}, ...).
 */
public enum ApnsPushType {
    ALERT("alert", ""),
    BACKGROUND("background", ""),
    VOIP("voip", ".voip"),
    COMPLICATION("complication", ".complication"),
    FILEPROVIDER("fileprovider", ".pushkit.fileprovider"),
    // An MDM notification goes to the topic in the MDM push certificate, which is what the channel holds as bundle id.
    MDM("mdm", ""),
    LIVEACTIVITY("liveactivity", ".push-type.liveactivity"),
    LOCATION("location", ".location-query"),
    PUSHTOTALK("pushtotalk", ".voip-ptt"),
    WIDGETS("widgets", ".push-type.widgets"),
    CONTROLS("controls", ".push-type.controls");

    private final String headerValue;
    private final String topicSuffix;

    ApnsPushType(String headerValue, String topicSuffix) {
        this.headerValue = headerValue;
        this.topicSuffix = topicSuffix;
    }

    public String headerValue() {
        return headerValue;
    }

    public String topic(String bundleId) {
        return bundleId + topicSuffix;
    }

    /** Whether the APNs client (Pushy 0.15) can send it; widgets and controls arrived in Apple's API after it. */
    public boolean sendable() {
        return this != WIDGETS && this != CONTROLS;
    }

    public static Optional<ApnsPushType> fromHeaderValue(String value) {
        return Arrays.stream(values()).filter(type -> type.headerValue.equals(value.trim().toLowerCase(Locale.ROOT))).findFirst();
    }

    static String allowedValues() {
        return Arrays.stream(values()).map(ApnsPushType::headerValue).collect(Collectors.joining(", "));
    }
}
