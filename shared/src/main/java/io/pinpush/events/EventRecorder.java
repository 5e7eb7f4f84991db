package io.pinpush.events;

/**
 * What the messaging flow calls: one event per terminal delivery outcome and per endpoint a provider's answer
 * made INACTIVE. Never blocks on a stream and never throws for a stream's sake (see {@link EventPublisher}).
 */
public final class EventRecorder {

    private final EventEnvelopes envelopes;
    private final EventPublisher publisher;

    public EventRecorder(EventEnvelopes envelopes, EventPublisher publisher) {
        this.envelopes = envelopes;
        this.publisher = publisher;
    }

    /** Streams {@code _push.send} (or {@code _campaign.send} when the outcome names a campaign). */
    public void deliveryOutcome(PushOutcome outcome) {
        publisher.publish(envelopes.deliveryOutcome(outcome));
    }

    /** Streams {@code _endpoint.inactive} for {@code endpointId}, made INACTIVE by {@code cause}. */
    public void endpointInactive(String endpointId, PushOutcome cause) {
        publisher.publish(envelopes.endpointInactive(endpointId, cause));
    }

    /** Writes everything recorded so far; a Lambda handler calls this before its invocation ends. */
    public void flush() {
        publisher.flush();
    }
}
