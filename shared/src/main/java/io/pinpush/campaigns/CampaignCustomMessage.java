package io.pinpush.campaigns;

/** Pinpoint's CampaignCustomMessage: what a campaign's custom channel (CustomDeliveryConfiguration) receives. */
public record CampaignCustomMessage(String data) {
}
