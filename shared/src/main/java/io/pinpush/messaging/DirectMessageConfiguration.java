package io.pinpush.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;

/**
 * Pinpoint's DirectMessageConfiguration. Email, SMS and voice messages are read only so that a request using them
 * can be refused clearly: Pinpush delivers push notifications.
 *
 * <p> Specifies the settings and content for the default message and any default messages that you tailored for specific channels. */
public record DirectMessageConfiguration(
        @JsonProperty("ADMMessage") ADMMessage admMessage,
        @JsonProperty("APNSMessage") APNSMessage apnsMessage,
        BaiduMessage baiduMessage,
        DefaultMessage defaultMessage,
        DefaultPushNotificationMessage defaultPushNotificationMessage,
        JsonNode emailMessage,
        @JsonProperty("GCMMessage") GCMMessage gcmMessage,
        @JsonProperty("SMSMessage") JsonNode smsMessage,
        JsonNode voiceMessage) {

    public DirectMessageConfiguration {
        PushOnly.refuse(emailMessage, "MessageConfiguration.EmailMessage");
        PushOnly.refuse(smsMessage, "MessageConfiguration.SMSMessage");
        PushOnly.refuse(voiceMessage, "MessageConfiguration.VoiceMessage");
    }

    /** Holds content for at least one push channel (a send without a template needs it). */
    public boolean hasPushMessage() {
        return admMessage != null || apnsMessage != null || baiduMessage != null || defaultMessage != null
                || defaultPushNotificationMessage != null || gcmMessage != null;
    }

    /** A push-only configuration (the common case in code). */
    public static DirectMessageConfiguration push(APNSMessage apns, GCMMessage gcm,
                                                  DefaultPushNotificationMessage defaultPush) {
        return new DirectMessageConfiguration(null, apns, null, null, defaultPush, null, gcm, null, null);
    }
}
