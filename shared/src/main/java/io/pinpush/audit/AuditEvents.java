package io.pinpush.audit;

import io.pinpush.events.EventTypes;
import io.pinpush.events.PinpointEvent;
import io.pinpush.events.StreamRecord;
import java.time.Clock;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * An audit record as a stream event, in the envelope of Pinpoint's own events: type {@code _audit.<Operation>}, the
 * record's fields as snake_case attributes ({@code application_id} among them).
 *
 * <p>Audit events are the operator's record, not the app's analytics (Pinpoint kept them in CloudTrail, never in an
 * app's stream). So they go to the deployment's stream only, never to an app's PutEventStream destination, and leave
 * {@code application.app_id} empty: a consumer that selects an app's events by {@code app_id}, as it did with
 * Pinpoint's stream, meets no event type Pinpoint never sent it.
 */
final class AuditEvents {

    private final String accountId;
    private final Clock clock;

    AuditEvents(String accountId, Clock clock) {
        this.accountId = accountId;
        this.clock = clock;
    }

    StreamRecord of(AuditRecord record, Instant happened) {
        Map<String, String> attributes = new LinkedHashMap<>();
        put(attributes, "operation", record.operation());
        put(attributes, "resource_arn", record.resourceArn());
        put(attributes, "application_id", record.applicationId());
        put(attributes, "caller", record.caller());
        put(attributes, "source_ip", record.sourceIp());
        put(attributes, "user_agent", record.userAgent());
        put(attributes, "request_id", record.requestId());
        put(attributes, "status_code", Integer.toString(record.statusCode()));
        put(attributes, "outcome", record.outcome());
        put(attributes, "error_type", record.errorType());
        PinpointEvent event = new PinpointEvent(EventTypes.AUDIT_PREFIX + record.operation(), happened.toEpochMilli(),
                clock.millis(), EventTypes.AUDIT_EVENT_VERSION, PinpointEvent.Application.of(null),
                new PinpointEvent.Client(null), PinpointEvent.Device.UNKNOWN, PinpointEvent.Session.NONE, attributes,
                Map.of(), new PinpointEvent.ClientContext(new PinpointEvent.Custom(null)), accountId);
        // No app id for routing: the deployment stream only (see the class comment). Keyed by resource, so one
        // resource's changes stay in order within a shard.
        return StreamRecord.of(null, record.resourceArn(), event);
    }

    private static void put(Map<String, String> attributes, String name, String value) {
        if (value != null) {
            attributes.put(name, value);
        }
    }
}
