package io.pinpush.providers;

import io.pinpush.channels.ChannelType;
import java.time.Duration;

/**
 * Hears how long a provider (APNs, FCM, ADM, Baidu) took with each notification, from handing it to the provider
 * client until its answer (or the client giving up on one). Every attempt is heard, retries included; outcomes
 * decided without a provider call (no channel, a disabled channel, an expired notification) are not.
 *
 * <p>Called on the provider client's threads: implementations must be quick and thread-safe.
 */
@FunctionalInterface
public interface ProviderLatency {

    ProviderLatency NONE = (appId, channel, latency) -> { };

    void answered(String appId, ChannelType channel, Duration latency);
}
