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
}
