package io.pinpush.triggers;

/**
 * Seam to the campaign send path: sends {@code trigger}'s campaign message (its {@code version}) to one endpoint,
 * typically by enqueueing one delivery on the dispatcher queue. Called after the window, segment, quiet time and
 * limits have passed and the send was claimed; an exception undoes the claim and leaves the stream record to be
 * retried.
 *
 * @param sessionId the triggering event's session, or null when it had none
 * @param eventKey  the triggering record's hash: the same for a redelivered record, different for every other event
 */
@FunctionalInterface
public interface TriggeredSends {

    /** Until the campaign runner provides it: matches are counted and logged, nothing is sent. */
    TriggeredSends NONE = (trigger, appId, endpointId, sessionId, eventKey) -> { };

    void send(EventTrigger trigger, String appId, String endpointId, String sessionId, String eventKey);
}
