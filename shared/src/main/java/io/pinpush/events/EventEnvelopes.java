package io.pinpush.events;

import io.pinpush.api.Json;
import io.pinpush.messaging.DeliveryStatus;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/** Builds Pinpoint-format event records for what Pinpush itself observes: delivery outcomes, endpoints made INACTIVE. */
public final class EventEnvelopes {

    private final Clock clock;
    private final String accountId;

    public EventEnvelopes(Clock clock, String accountId) {
        this.clock = clock;
        this.accountId = accountId;
    }

    /** {@code _push.send}, or {@code _campaign.send} for a campaign delivery. */
    public StreamRecord deliveryOutcome(PushOutcome outcome) {
        Map<String, String> attributes = new LinkedHashMap<>(outcome.extraAttributes());
        attributes.keySet().removeAll(OUTCOME_ATTRIBUTES); // Pinpush's own, even where it has no value to put
        String type;
        if (outcome.campaignId() != null) {
            type = EventTypes.CAMPAIGN_SEND;
            put(attributes, "campaign_id", outcome.campaignId());
            put(attributes, "campaign_activity_id", outcome.campaignActivityId());
            put(attributes, "treatment_id", outcome.treatmentId());
            put(attributes, "campaign_send_status", outcome.status() == DeliveryStatus.SUCCESSFUL
                    ? "SUCCESS" : outcome.status().name());
        } else {
            type = EventTypes.PUSH_SEND;
        }
        put(attributes, "delivery_type", channel(outcome));
        put(attributes, "send_status", outcome.status().name());
        putOutcomeDetails(attributes, outcome);
        put(attributes, "updated_token", outcome.updatedToken());
        return record(type, outcome, outcome.partitionKey(), outcome.endpointId(), attributes, null);
    }

    /** {@code _endpoint.inactive}: {@code endpointId} became INACTIVE because of {@code cause}. */
    public StreamRecord endpointInactive(String endpointId, PushOutcome cause) {
        Map<String, String> attributes = new LinkedHashMap<>();
        put(attributes, "delivery_type", channel(cause));
        put(attributes, "reason", cause.statusMessage());
        put(attributes, "send_status", cause.status().name());
        putOutcomeDetails(attributes, cause);
        return record(EventTypes.ENDPOINT_INACTIVE, cause, endpointId, endpointId, attributes, "INACTIVE");
    }

    private StreamRecord record(String type, PushOutcome outcome, String partitionKey, String endpointId,
                                Map<String, String> attributes, String endpointStatus) {
        long now = clock.millis();
        Instant happened = outcome.finishedAt();
        PinpointEvent event = new PinpointEvent(type, happened == null ? now : happened.toEpochMilli(), now,
                EventTypes.OUTCOME_EVENT_VERSION, PinpointEvent.Application.of(outcome.appId()),
                new PinpointEvent.Client(endpointId), PinpointEvent.Device.UNKNOWN, PinpointEvent.Session.NONE,
                attributes, Map.of(),
                PinpointEvent.ClientContext.ofEndpoint(endpointJson(outcome, endpointId, endpointStatus)), accountId);
        return StreamRecord.of(outcome.appId(), partitionKey, event);
    }

    /** The attributes Pinpush writes on a delivery's event; a send's own attributes never stand in for them. */
    static final java.util.Set<String> OUTCOME_ATTRIBUTES = java.util.Set.of("campaign_id", "campaign_activity_id",
            "treatment_id", "campaign_send_status", "delivery_type", "send_status", "status_code", "status_message",
            "message_id", "request_id", "trace_id", "updated_token");

    private static void putOutcomeDetails(Map<String, String> attributes, PushOutcome outcome) {
        put(attributes, "status_code", outcome.statusCode() == null ? null : outcome.statusCode().toString());
        put(attributes, "status_message", outcome.statusMessage());
        put(attributes, "message_id", outcome.messageId());
        put(attributes, "request_id", outcome.requestId());
        put(attributes, "trace_id", outcome.traceId());
    }

    /** What the outcome knows of the endpoint, in the endpoint's own JSON shape (Pinpoint put the whole endpoint here). */
    private static String endpointJson(PushOutcome outcome, String endpointId, String endpointStatus) {
        Map<String, Object> endpoint = new LinkedHashMap<>();
        endpoint.put("Id", endpointId);
        endpoint.put("Address", outcome.address());
        endpoint.put("ChannelType", channel(outcome));
        endpoint.put("EndpointStatus", endpointStatus);
        if (outcome.userId() != null) {
            endpoint.put("User", Map.of("UserId", outcome.userId()));
        }
        endpoint.values().removeIf(java.util.Objects::isNull);
        return Json.write(endpoint);
    }

    private static String channel(PushOutcome outcome) {
        return outcome.channelType() == null ? null : outcome.channelType().name();
    }

    private static void put(Map<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }
}
