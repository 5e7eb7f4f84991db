package io.pinpush.messaging;

/**
 * Hears every terminal delivery outcome (including those decided without a provider call: DUPLICATE, OPT_OUT,
 * inactive endpoints, payloads too large) and every endpoint a provider's answer made INACTIVE.
 * The Events work streams these to Kinesis; until then nothing listens.
 *
 * <p>Called after the outcome is recorded, once per delivery; an exception is logged and does not undo anything.
 */
public interface DeliveryListener {

    DeliveryListener NONE = new DeliveryListener() {
    };

    default void onOutcome(DeliveryOutcome outcome) {
    }

    /** The provider said the address will never work again, so {@code endpointId} is now INACTIVE. */
    default void onEndpointInactive(String appId, String endpointId, DeliveryOutcome cause) {
    }
}
