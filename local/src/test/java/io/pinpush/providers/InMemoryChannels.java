package io.pinpush.providers;

import io.pinpush.channels.ChannelCredentials;
import io.pinpush.channels.ChannelType;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/** Channels kept in memory: the gateway's view of a channel store, for tests that are about providers. */
final class InMemoryChannels implements ChannelResolver {

    private final Map<String, ProviderChannel> channels = new ConcurrentHashMap<>();

    InMemoryChannels put(String appId, ChannelType type, int version, ChannelCredentials credentials) {
        channels.put(appId + '/' + type, new ProviderChannel(appId, type, true, version, credentials));
        return this;
    }

    InMemoryChannels disable(String appId, ChannelType type) {
        channels.computeIfPresent(appId + '/' + type, (key, channel) ->
                new ProviderChannel(channel.appId(), channel.type(), false, channel.version(), channel.credentials()));
        return this;
    }

    @Override
    public Optional<ProviderChannel> resolve(String appId, ChannelType type) {
        return Optional.ofNullable(channels.get(appId + '/' + type));
    }
}
