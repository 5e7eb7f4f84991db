package io.pinpush.channels;

/**
 * A channel as the dispatcher needs it: whether it may send, which metadata version it reflects, and its
 * credentials. Returned by {@link ChannelService#resolve}; never serialized (the credentials redact themselves
 * in {@code toString}).
 */
public record ResolvedChannel(String appId, ChannelType type, boolean enabled, int version,
                              ChannelCredentials credentials) {
}
