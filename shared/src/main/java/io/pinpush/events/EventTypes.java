package io.pinpush.events;

/**
 * The event types Pinpush itself produces. Pinpoint's leading underscore marks system events; PutEvents refuses
 * these names from clients, so a consumer can trust that they came from Pinpush.
 */
public final class EventTypes {

    /** A push delivery (direct or to users) reached its final outcome. Pinpoint never streamed these. */
    public static final String PUSH_SEND = "_push.send";

    /** A campaign delivery reached its final outcome, named as in Pinpoint's stream. */
    public static final String CAMPAIGN_SEND = "_campaign.send";

    /**
     * A provider's answer made an endpoint INACTIVE (token unregistered or invalid). Named for its subject, the
     * endpoint, as Pinpoint names {@code _session.*} and {@code _email.*} events, rather than as a kind of send:
     * consumers that keep a copy of the endpoints act on it without looking into send outcomes.
     */
    public static final String ENDPOINT_INACTIVE = "_endpoint.inactive";

    /**
     * Prefix of the audit trail's events: {@code _audit.<Operation>} ({@code _audit.CreateApp},
     * {@code _audit.UpdateApnsChannel}, ...), one per mutating API call, on the deployment stream only.
     */
    public static final String AUDIT_PREFIX = "_audit.";

    /** The envelope version Pinpoint used for campaign events, whose shape Pinpush's outcome events share. */
    static final String OUTCOME_EVENT_VERSION = "3.1";

    /** Audit events share the outcome events' envelope (version 3.1); their attributes are the audit record's. */
    public static final String AUDIT_EVENT_VERSION = OUTCOME_EVENT_VERSION;

    /** The envelope version of Pinpoint's app events (PutEvents). */
    static final String APP_EVENT_VERSION = "3.0";

    private EventTypes() {
    }

    /** Types only Pinpush may produce. */
    public static boolean isReserved(String eventType) {
        return eventType.startsWith("_push.") || eventType.startsWith("_endpoint.") || eventType.startsWith(AUDIT_PREFIX)
                || eventType.equals(CAMPAIGN_SEND);
    }
}
