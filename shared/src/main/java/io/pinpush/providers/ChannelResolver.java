package io.pinpush.providers;

import io.pinpush.channels.ChannelType;
import java.util.Optional;

/**
 * Finds an app's channel and its credentials. Called for every notification the gateway sends, so an
 * implementation should answer from a cache and reread the store only when it may have changed.
 */
@FunctionalInterface
public interface ChannelResolver {

    Optional<ProviderChannel> resolve(String appId, ChannelType type);
}
