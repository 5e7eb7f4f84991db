package io.pinpush.channels;

import java.time.Instant;
import java.util.Optional;

/**
 * The payload of an Update*Channel operation. Its credential members are validated and merged over what the
 * channel already has: members the request leaves out keep their stored values, so {@code Enabled=false}
 * alone toggles a channel without resending its keys.
 */
public sealed interface ChannelRequest permits APNSChannelRequest, GCMChannelRequest, BaiduChannelRequest, ADMChannelRequest {

    /** Null when the request leaves the channel's state as it is. */
    Boolean enabled();

    /**
     * The channel's credentials after this request: parsed, checked and merged over {@code stored}.
     *
     * @param stored the channel's current credentials, empty on its first update
     * @param now    certificates must be valid at this instant
     * @throws io.pinpush.api.ApiError BadRequestException saying what is missing or cannot work
     */
    ChannelCredentials credentialsOver(Optional<ChannelCredentials> stored, Instant now);
}
