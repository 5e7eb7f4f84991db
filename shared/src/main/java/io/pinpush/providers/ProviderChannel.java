package io.pinpush.providers;

import io.pinpush.channels.ChannelCredentials;
import io.pinpush.channels.ChannelType;

/**
 * What the gateway needs to know about an app's channel: whether it may send, and with which credentials.
 * {@code version} changes whenever the credentials do, so provider clients built from them can be replaced.
 */
public record ProviderChannel(String appId, ChannelType type, boolean enabled, int version,
                              ChannelCredentials credentials) {
}
