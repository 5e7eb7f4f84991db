package io.pinpush.triggers;

/**
 * Seam to the campaign send path: sends {@code trigger}'s campaign message (its {@code version}) to one endpoint,
 * typically by enqueueing one delivery on the dispatcher queue. Called after the window, segment, quiet time and
 * limits have passed and the send was claimed; an exception undoes the claim and leaves the stream record to be
 * retried.
 *
 * @param sessionId the triggering event's session, or null when it had none
 */
@FunctionalInterface
public interface TriggeredSends {

    /** Until the campaign runner provides it: matches are counted and logged, nothing is sent. */
    TriggeredSends NONE = (trigger, appId, endpointId, sessionId) -> { };

    void send(EventTrigger trigger, String appId, String endpointId, String sessionId);
}
