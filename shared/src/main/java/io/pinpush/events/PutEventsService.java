package io.pinpush.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import io.pinpush.apps.App;
import io.pinpush.apps.AppService;
import io.pinpush.endpoints.EndpointDemographic;
import io.pinpush.endpoints.EndpointResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * PutEvents: each batch item updates its endpoint (UpdateEndpoint's merge) and streams its events in Pinpoint's
 * format. Items and events succeed or fail on their own, as in Pinpoint: the response says which, with a status
 * code and message for each. The call returns once every accepted event is written to its streams or spilled.
 */
public final class PutEventsService {

    /** Pinpoint's quotas for event ingestion. */
    public static final int MAX_REQUEST_BYTES = 4 * 1024 * 1024;
    public static final int MAX_EVENT_BYTES = 1000 * 1024;
    public static final int MAX_ATTRIBUTES_AND_METRICS = 40;
    public static final int MAX_KEY_LENGTH = 50;
    public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 200;

    private final AppService apps;
    private final EndpointUpserts endpoints;
    private final EventPublisher publisher;
    private final Clock clock;
    private final String accountId;

    public PutEventsService(AppService apps, EndpointUpserts endpoints, EventPublisher publisher, Clock clock,
                            String accountId) {
        this.apps = apps;
        this.endpoints = endpoints;
        this.publisher = publisher;
        this.clock = clock;
        this.accountId = accountId;
    }

    /** The request-wide size limit, checked on the raw body before it is parsed. */
    public static void checkRequestSize(String body) {
        int bytes = body.getBytes(StandardCharsets.UTF_8).length;
        if (bytes > MAX_REQUEST_BYTES) {
            throw ApiError.payloadTooLarge("A PutEvents request may be at most 4 MB; this one is " + bytes + " bytes");
        }
    }

    public EventsResponse put(String appId, EventsRequest request, String apiRequestId) {
        App app = apps.require(appId); // read once: every batch item's endpoint is written in it
        long arrival = clock.millis();
        Map<String, EventsResponse.ItemResponse> results = new LinkedHashMap<>();
        request.batchItem().forEach((endpointId, item) ->
                results.put(endpointId, putItem(app, endpointId, item, apiRequestId, arrival)));
        publisher.flush();
        return new EventsResponse(results);
    }

    private EventsResponse.ItemResponse putItem(App app, String endpointId, EventsBatch item,
                                                String apiRequestId, long arrival) {
        String appId = app.id();
        if (item == null || item.hasNoEndpoint()) {
            // Every event still gets its own answer: none of them is taken without the endpoint it happened on.
            EventsResponse.Result missing = EventsResponse.Result.badRequest("Endpoint is required in every batch item");
            Map<String, EventsResponse.Result> events = new LinkedHashMap<>();
            if (item != null && item.events() != null) {
                item.events().keySet().forEach(eventId -> events.put(eventId, missing));
            }
            return new EventsResponse.ItemResponse(missing, events);
        }
        EventsResponse.Result endpointResult;
        EndpointView endpoint;
        PublicEndpoint submitted = null;
        try {
            submitted = item.publicEndpoint().withRequestIdIfAbsent(apiRequestId);
            EndpointResponse stored = endpoints.upsert(app, endpointId, submitted);
            endpoint = new EndpointView(Json.write(stored), stored.demographic());
            endpointResult = EventsResponse.Result.ACCEPTED;
        } catch (ApiError rejected) {
            // A throttled write (429) fails the call, so the SDK retries it, rather than hide in an item of a 202.
            if (rejected.type().status() >= 500 || rejected.type().status() == 429) {
                throw rejected;
            }
            // The events still happened: they are streamed with the endpoint as the app reported it.
            endpoint = submitted != null ? new EndpointView(Json.write(submitted), submitted.demographic())
                    : new EndpointView(asReported(item.endpoint(), apiRequestId), null);
            endpointResult = new EventsResponse.Result(rejected.getMessage(), rejected.type().status());
        }
        Map<String, EventsResponse.Result> eventResults = new LinkedHashMap<>();
        if (item.events() != null) {
            for (Map.Entry<String, Event> entry : item.events().entrySet()) {
                eventResults.put(entry.getKey(), putEvent(appId, endpointId, entry.getValue(), endpoint, arrival));
            }
        }
        return new EventsResponse.ItemResponse(endpointResult, eventResults);
    }

    private record EndpointView(String json, EndpointDemographic demographic) {
    }

    /** An endpoint that could not be read, as the app sent it, with the request's id as a readable one gets it. */
    private static String asReported(JsonNode endpoint, String apiRequestId) {
        if (endpoint instanceof ObjectNode object && !object.has("RequestId")) {
            ObjectNode withId = object.deepCopy();
            withId.put("RequestId", apiRequestId);
            return withId.toString();
        }
        return endpoint.toString();
    }

    private EventsResponse.Result putEvent(String appId, String endpointId, Event event, EndpointView endpoint,
                                           long arrival) {
        try {
            StreamRecord record = StreamRecord.of(appId, endpointId, envelope(appId, endpointId, event, endpoint,
                    arrival));
            if (record.data().getBytes(StandardCharsets.UTF_8).length > MAX_EVENT_BYTES) {
                throw ApiError.badRequest("An event may be at most 1,000 KB, endpoint included");
            }
            publisher.publish(record);
            return EventsResponse.Result.ACCEPTED;
        } catch (ApiError invalid) {
            return EventsResponse.Result.badRequest(invalid.getMessage());
        }
    }

    private PinpointEvent envelope(String appId, String endpointId, Event event, EndpointView endpoint, long arrival) {
        if (event == null) {
            throw ApiError.badRequest("The event is empty");
        }
        if (event.eventType() == null || event.eventType().isBlank()) {
            throw ApiError.badRequest("EventType is required");
        }
        if (EventTypes.isReserved(event.eventType())) {
            throw ApiError.badRequest("EventType " + event.eventType() + " is reserved for events Pinpush produces");
        }
        long happened = epochMillis("Timestamp", event.timestamp(), true);
        checkAttributesAndMetrics(event);
        EndpointDemographic demographic = endpoint.demographic();
        PinpointEvent.Application application = new PinpointEvent.Application(appId, event.appPackageName(),
                event.appTitle(), demographic == null ? null : demographic.appVersion(), event.appVersionCode(),
                new PinpointEvent.Sdk(event.sdkName(), event.clientSdkVersion()));
        PinpointEvent.Device device = demographic == null ? PinpointEvent.Device.UNKNOWN : new PinpointEvent.Device(
                PinpointEvent.Locale.parse(demographic.locale()), demographic.make(), demographic.model(),
                new PinpointEvent.Platform(demographic.platform(), demographic.platformVersion()));
        return new PinpointEvent(event.eventType(), happened, arrival, EventTypes.APP_EVENT_VERSION, application,
                new PinpointEvent.Client(endpointId), device, session(event.session()), event.attributes(),
                event.metrics(), PinpointEvent.ClientContext.ofEndpoint(endpoint.json()), accountId);
    }

    private static PinpointEvent.Session session(Session session) {
        if (session == null) {
            return PinpointEvent.Session.NONE;
        }
        if (session.id() == null || session.id().isBlank()) {
            throw ApiError.badRequest("Session.Id is required when Session is given");
        }
        if (session.duration() != null && session.duration() < 0) {
            throw ApiError.badRequest("Session.Duration may not be negative");
        }
        Long start = epochMillis("Session.StartTimestamp", session.startTimestamp(), true);
        Long stop = session.stopTimestamp() == null || session.stopTimestamp().isBlank() ? null
                : epochMillis("Session.StopTimestamp", session.stopTimestamp(), false);
        return new PinpointEvent.Session(session.id(), start, stop, session.duration());
    }

    private static void checkAttributesAndMetrics(Event event) {
        Map<String, String> attributes = event.attributes() == null ? Map.of() : event.attributes();
        Map<String, Double> metrics = event.metrics() == null ? Map.of() : event.metrics();
        if (attributes.size() + metrics.size() > MAX_ATTRIBUTES_AND_METRICS) {
            throw ApiError.badRequest("An event may have at most " + MAX_ATTRIBUTES_AND_METRICS
                    + " attributes and metrics together; this one has " + (attributes.size() + metrics.size()));
        }
        attributes.forEach((name, value) -> {
            checkKey("Attributes", name);
            if (value == null) {
                throw ApiError.badRequest("Attributes." + name + " has no value");
            }
            if (value.length() > MAX_ATTRIBUTE_VALUE_LENGTH) {
                throw ApiError.badRequest("Attributes." + name + " may be at most " + MAX_ATTRIBUTE_VALUE_LENGTH
                        + " characters");
            }
        });
        metrics.forEach((name, value) -> {
            checkKey("Metrics", name);
            if (value == null || value.isNaN() || value.isInfinite()) {
                throw ApiError.badRequest("Metrics." + name + " must be a number");
            }
        });
    }

    private static void checkKey(String member, String name) {
        if (name.isBlank() || name.length() > MAX_KEY_LENGTH) {
            throw ApiError.badRequest(member + " names must be 1 to " + MAX_KEY_LENGTH + " characters: " + name);
        }
    }

    private static long epochMillis(String member, String value, boolean required) {
        if (value == null || value.isBlank()) {
            if (required) {
                throw ApiError.badRequest(member + " is required");
            }
            return 0;
        }
        try {
            return OffsetDateTime.parse(value).toInstant().toEpochMilli();
        } catch (DateTimeParseException notOffset) {
            try {
                return Instant.parse(value).toEpochMilli();
            } catch (DateTimeParseException e) {
                throw ApiError.badRequest(member + " must be an ISO-8601 date-time such as 2026-11-23T10:15:30.000Z,"
                        + " got " + value);
            }
        }
    }
}
