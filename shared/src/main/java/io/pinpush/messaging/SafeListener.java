package io.pinpush.messaging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Calls a listener after the outcome is recorded; a listener's failure is logged and changes nothing already done. */
public final class SafeListener implements DeliveryListener {

    private static final Logger LOG = LoggerFactory.getLogger(SafeListener.class);

    private final DeliveryListener delegate;

    public SafeListener(DeliveryListener delegate) {
        this.delegate = delegate;
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        try {
            delegate.onOutcome(outcome);
        } catch (RuntimeException e) {
            LOG.error("Delivery listener failed on the outcome of {}", outcome.deliveryId(), e);
        }
    }

    @Override
    public void onEndpointInactive(String appId, String endpointId, DeliveryOutcome cause) {
        try {
            delegate.onEndpointInactive(appId, endpointId, cause);
        } catch (RuntimeException e) {
            LOG.error("Delivery listener failed on endpoint {} becoming INACTIVE", endpointId, e);
        }
    }
}
