package io.pinpush.channels;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** Pinpoint's ChannelsResponse: every configured channel of an app, keyed by channel type ({@code APNS}, {@code GCM}, ...). */
public record ChannelsResponse(Map<String, ChannelResponse> channels) {

    public ChannelsResponse {
        channels = Collections.unmodifiableMap(new LinkedHashMap<>(channels));
    }
}
