package io.pinpush.messaging;

import java.util.List;

/** Tells several listeners, each on its own: one that fails does not keep the outcome from the others. */
public final class DeliveryListeners implements DeliveryListener {

    private final List<DeliveryListener> listeners;

    private DeliveryListeners(List<DeliveryListener> listeners) {
        this.listeners = listeners;
    }

    public static DeliveryListener of(DeliveryListener... listeners) {
        return new DeliveryListeners(List.of(listeners).stream().<DeliveryListener>map(SafeListener::new).toList());
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        listeners.forEach(listener -> listener.onOutcome(outcome));
    }

    @Override
    public void onEndpointInactive(String appId, String endpointId, DeliveryOutcome cause) {
        listeners.forEach(listener -> listener.onEndpointInactive(appId, endpointId, cause));
    }
}
