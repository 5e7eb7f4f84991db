package io.pinpush.campaigns;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.messaging.PushOnly;
import io.pinpush.channels.ChannelType;

/**
 * Pinpoint's MessageConfiguration: a campaign's (or treatment's) content per channel. Email, SMS and in-app
 * messages are read only so that a campaign using them is refused clearly: Pinpush delivers push notifications
 * (and custom channels).
 */
public record MessageConfiguration(
        @JsonProperty("ADMMessage") CampaignMessage admMessage,
        @JsonProperty("APNSMessage") CampaignMessage apnsMessage,
        CampaignMessage baiduMessage,
        CampaignCustomMessage customMessage,
        CampaignMessage defaultMessage,
        JsonNode emailMessage,
        @JsonProperty("GCMMessage") CampaignMessage gcmMessage,
        @JsonProperty("SMSMessage") JsonNode smsMessage,
        JsonNode inAppMessage) {

    public MessageConfiguration {
        PushOnly.refuse(emailMessage, "MessageConfiguration.EmailMessage");
        PushOnly.refuse(smsMessage, "MessageConfiguration.SMSMessage");
        PushOnly.refuse(inAppMessage, "MessageConfiguration.InAppMessage");
    }

    /**
     * The content an endpoint of {@code channel} receives: the channel's own message, else DefaultMessage; null when
     * neither is set. APNS_SANDBOX and APNS_VOIP use APNSMessage, GCM the GCMMessage, as in Pinpoint.
     */
    public CampaignMessage forChannel(ChannelType channel) {
        CampaignMessage specific = switch (channel) {
            case APNS, APNS_SANDBOX, APNS_VOIP, APNS_VOIP_SANDBOX -> apnsMessage;
            case GCM -> gcmMessage;
            case ADM -> admMessage;
            case BAIDU -> baiduMessage;
            default -> null;
        };
        return specific != null ? specific : defaultMessage;
    }

    /** Holds content for at least one push channel. */
    public boolean hasPushMessage() {
        return admMessage != null || apnsMessage != null || baiduMessage != null || defaultMessage != null
                || gcmMessage != null;
    }
}
