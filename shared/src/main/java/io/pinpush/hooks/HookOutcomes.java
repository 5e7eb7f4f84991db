package io.pinpush.hooks;

import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.messaging.DeliveryStatus;

/**
 * Seam for the terminal outcome of a message a hook decided: delivered by a DELIVERY hook or a custom channel,
 * or failed because the hook failed. {@link StreamedHookOutcomes} streams it as {@code _campaign.send}; the
 * campaign runner may add its own bookkeeping (campaign counts) by wrapping it.
 *
 * @param deliveryType CUSTOM for what a DELIVERY hook or custom channel delivered; the endpoint's channel for a
 *                     message that could not be sent because its FILTER hook failed
 */
@FunctionalInterface
public interface HookOutcomes {

    void outcome(HookBatch batch, EndpointResponse endpoint, ChannelType deliveryType, DeliveryStatus status,
                 String message);
}
