package io.pinpush.campaigns;

import io.pinpush.messaging.Action;

/**
 * Pinpoint's {@code Message}: a campaign's content for one push channel (APNSMessage, GCMMessage, ADMMessage,
 * BaiduMessage) or for all of them (DefaultMessage). Not the direct-send shapes of the messaging package: the
 * model gives campaigns one flatter shape for every channel, with {@code JsonBody} and {@code MediaUrl} and without
 * per-channel members such as Badge, Sound or Data.
 *
 * @param jsonBody    the notification's custom data, as a JSON object in a string
 * @param timeToLive  seconds the provider keeps the message for an offline device
 */
public record CampaignMessage(Action action, String body, String imageIconUrl, String imageSmallIconUrl,
                              String imageUrl, String jsonBody, String mediaUrl, String rawContent,
                              Boolean silentPush, Integer timeToLive, String title, String url) {
}
