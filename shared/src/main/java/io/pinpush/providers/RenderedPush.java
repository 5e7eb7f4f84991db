package io.pinpush.providers;

import io.pinpush.channels.ChannelType;
import java.util.Map;

/**
 * One notification rendered for one provider and one address: exactly what goes on the wire, decided once at
 * send time so the dispatcher only ships bytes. It travels inside the queue message, so it stays small and
 * plain (serialized with Json).
 *
 * @param body                  the provider request body: the APNs payload JSON, the FCM v1 request
 *                              {@code {"message": {..., "token": address}}}
 * @param headers               provider request options (for APNs: apns-push-type, apns-priority, apns-expiration,
 *                              apns-collapse-id; the topic comes from the channel's credentials at dispatch time)
 * @param expiresAtEpochMs      after this instant the notification is worthless (its TimeToLive); null means no expiry
 * @param authenticationMethod  the message's PreferredAuthenticationMethod (APNs: TOKEN or CERTIFICATE); null means
 *                              the channel's default
 */
public record RenderedPush(ChannelType channelType, String address, String body, Map<String, String> headers,
                           Long expiresAtEpochMs, String authenticationMethod) {

    public RenderedPush {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    public RenderedPush(ChannelType channelType, String address, String body, Map<String, String> headers,
                        Long expiresAtEpochMs) {
        this(channelType, address, body, headers, expiresAtEpochMs, null);
    }
}
