package io.pinpush.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.testing.EventsExtension;
import io.pinpush.testing.EventsExtension.EventsStack;
import io.pinpush.testing.RawHttp;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.Event;
import software.amazon.awssdk.services.pinpoint.model.EventsBatch;
import software.amazon.awssdk.services.pinpoint.model.EventsResponse;
import software.amazon.awssdk.services.pinpoint.model.ItemResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.PublicEndpoint;
import software.amazon.awssdk.services.pinpoint.model.PutEventsResponse;

@ExtendWith(EventsExtension.class)
class PutEventsTest {

    private static final String START = "2026-11-23T10:00:00.000Z";

    @Test
    void putEventsStreamsEveryEventInPinpointsAppEventFormat(EventsStack stack) {
        String appId = OutcomeEventsTest.newApp(stack);
        PublicEndpoint endpoint = PublicEndpoint.builder().address("device-token-1").channelType(ChannelType.GCM)
                .demographic(d -> d.locale("en_US").make("Google").model("Pixel 9").platform("android")
                        .platformVersion("15").appVersion("2.1"))
                .user(u -> u.userId("user-1")).build();
        Event start = Event.builder().eventType("_session.start").timestamp(START)
                .appPackageName("com.example.shop").appTitle("Shop").appVersionCode("21")
                .sdkName("aws-amplify").clientSdkVersion("6.0.0")
                .session(s -> s.id("session-1").startTimestamp(START)).build();
        Event purchase = Event.builder().eventType("checkout").timestamp("2026-11-23T10:05:00.000Z")
                .attributes(Map.of("plan", "gold")).metrics(Map.of("amount", 12.5))
                .session(s -> s.id("session-1").startTimestamp(START)).build();
        Event opened = Event.builder().eventType("_campaign.opened_notification")
                .timestamp("2026-11-23T10:06:00.000Z").attributes(Map.of("campaign_id", "c-1")).build();

        PutEventsResponse response = stack.pinpoint().putEvents(b -> b.applicationId(appId).eventsRequest(r -> r
                .batchItem(Map.of("endpoint-1", EventsBatch.builder().endpoint(endpoint)
                        .events(Map.of("e1", start, "e2", purchase, "e3", opened)).build()))));

        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(202);
        ItemResponse item = response.eventsResponse().results().get("endpoint-1");
        assertThat(item.endpointItemResponse().statusCode()).isEqualTo(202);
        assertThat(item.eventsItemResponse()).containsOnlyKeys("e1", "e2", "e3")
                .allSatisfy((id, result) -> assertThat(result.statusCode()).isEqualTo(202));

        List<StreamedRecords> records = StreamedRecords.await(stack.kinesis(), EventsExtension.STREAM, appId,
                all -> all.size() == 3);
        assertThat(records).allSatisfy(r -> assertThat(r.partitionKey()).isEqualTo("endpoint-1"));
        JsonNode session = byType(records, "_session.start");
        assertThat(session.path("event_timestamp").asLong()).isEqualTo(Instant.parse(START).toEpochMilli());
        assertThat(session.path("arrival_timestamp").asLong()).isPositive();
        assertThat(session.path("event_version").asText()).isEqualTo("3.0");
        assertThat(session.path("application").path("package_name").asText()).isEqualTo("com.example.shop");
        assertThat(session.path("application").path("title").asText()).isEqualTo("Shop");
        assertThat(session.path("application").path("version_code").asText()).isEqualTo("21");
        assertThat(session.path("application").path("version_name").asText()).isEqualTo("2.1");
        assertThat(session.path("application").path("sdk").path("name").asText()).isEqualTo("aws-amplify");
        assertThat(session.path("application").path("sdk").path("version").asText()).isEqualTo("6.0.0");
        assertThat(session.path("client").path("client_id").asText()).isEqualTo("endpoint-1");
        assertThat(session.path("device").path("locale").path("code").asText()).isEqualTo("en_US");
        assertThat(session.path("device").path("locale").path("language").asText()).isEqualTo("en");
        assertThat(session.path("device").path("locale").path("country").asText()).isEqualTo("US");
        assertThat(session.path("device").path("make").asText()).isEqualTo("Google");
        assertThat(session.path("device").path("model").asText()).isEqualTo("Pixel 9");
        assertThat(session.path("device").path("platform").path("name").asText()).isEqualTo("android");
        assertThat(session.path("device").path("platform").path("version").asText()).isEqualTo("15");
        assertThat(session.path("session").path("session_id").asText()).isEqualTo("session-1");
        assertThat(session.path("session").path("start_timestamp").asLong())
                .isEqualTo(Instant.parse(START).toEpochMilli());
        assertThat(session.path("awsAccountId").asText()).isEqualTo("000000000000");
        JsonNode storedEndpoint = StreamedRecords.parse(
                session.path("client_context").path("custom").path("endpoint").asText());
        assertThat(storedEndpoint.path("Address").asText()).isEqualTo("device-token-1");
        assertThat(storedEndpoint.path("ChannelType").asText()).isEqualTo("GCM");
        assertThat(storedEndpoint.path("User").path("UserId").asText()).isEqualTo("user-1");

        JsonNode checkout = byType(records, "checkout");
        assertThat(checkout.path("attributes").path("plan").asText()).isEqualTo("gold");
        assertThat(checkout.path("metrics").path("amount").asDouble()).isEqualTo(12.5);
        assertThat(byType(records, "_campaign.opened_notification").path("attributes").path("campaign_id").asText())
                .isEqualTo("c-1");
    }

    @Test
    void invalidEventsFailAloneWithTheirOwn400(EventsStack stack) {
        String appId = OutcomeEventsTest.newApp(stack);
        Map<String, String> tooMany = new HashMap<>();
        for (int i = 0; i < 41; i++) {
            tooMany.put("a" + i, "v");
        }
        Map<String, Event> events = Map.of(
                "good", Event.builder().eventType("_session.stop").timestamp(START).build(),
                "noType", Event.builder().timestamp(START).build(),
                "noTimestamp", Event.builder().eventType("tap").build(),
                "badTimestamp", Event.builder().eventType("tap").timestamp("yesterday").build(),
                "tooManyKeys", Event.builder().eventType("tap").timestamp(START).attributes(tooMany).build(),
                "longValue", Event.builder().eventType("tap").timestamp(START)
                        .attributes(Map.of("k", "x".repeat(201))).build(),
                "reserved", Event.builder().eventType("_push.send").timestamp(START).build(),
                "sessionWithoutId", Event.builder().eventType("tap").timestamp(START)
                        .session(s -> s.startTimestamp(START)).build());

        EventsResponse response = stack.pinpoint().putEvents(b -> b.applicationId(appId).eventsRequest(r -> r
                .batchItem(Map.of("endpoint-1", EventsBatch.builder()
                        .endpoint(e -> e.address("t").channelType(ChannelType.APNS)).events(events).build()))))
                .eventsResponse();

        var results = response.results().get("endpoint-1").eventsItemResponse();
        assertThat(results.get("good").statusCode()).isEqualTo(202);
        assertThat(results.get("noType").message()).contains("EventType is required");
        assertThat(results.get("noTimestamp").message()).contains("Timestamp is required");
        assertThat(results.get("badTimestamp").message()).contains("ISO-8601");
        assertThat(results.get("tooManyKeys").message()).contains("at most 40");
        assertThat(results.get("longValue").message()).contains("200 characters");
        assertThat(results.get("reserved").message()).contains("reserved");
        assertThat(results.get("sessionWithoutId").message()).contains("Session.Id");
        results.forEach((id, result) -> assertThat(result.statusCode()).as(id).isEqualTo(id.equals("good") ? 202 : 400));

        List<StreamedRecords> records = StreamedRecords.await(stack.kinesis(), EventsExtension.STREAM, appId,
                all -> !all.isEmpty());
        assertThat(records).singleElement()
                .satisfies(r -> assertThat(r.json().path("event_type").asText()).isEqualTo("_session.stop"));
    }

    @Test
    void moreThanOneHundredEventsIsABadRequestAndStreamsNothing(EventsStack stack) {
        String appId = OutcomeEventsTest.newApp(stack);
        Map<String, Event> events = new HashMap<>();
        for (int i = 0; i < 101; i++) {
            events.put("e" + i, Event.builder().eventType("tap").timestamp(START).build());
        }

        assertThatThrownBy(() -> stack.pinpoint().putEvents(b -> b.applicationId(appId).eventsRequest(r -> r
                .batchItem(Map.of("endpoint-1", EventsBatch.builder().endpoint(e -> e.address("t"))
                        .events(events).build())))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("at most 100 events");

        stack.server().pinpush().eventPublisher().flush();
        assertThat(StreamedRecords.of(stack.kinesis(), EventsExtension.STREAM, appId)).isEmpty();
    }

    @Test
    void anItemWithoutAnEndpointAnswersEachOfItsEventsAndANullItemItsOwn400(EventsStack stack) {
        String appId = OutcomeEventsTest.newApp(stack);
        String body = "{\"BatchItem\": {"
                + "\"no-endpoint\": {\"Events\": {\"e1\": {\"EventType\": \"tap\", \"Timestamp\": \"" + START + "\"}}},"
                + "\"null-item\": null,"
                + "\"fine\": {\"Endpoint\": {\"Address\": \"t\", \"ChannelType\": \"GCM\"}, \"Events\": {\"e2\": {"
                + "\"EventType\": \"tap\", \"Timestamp\": \"" + START + "\","
                + "\"Session\": {\"Id\": \"s\", \"StartTimestamp\": \"" + START + "\", \"StopTimestamp\": \"\"}}}}}}";

        HttpResponse<String> response = RawHttp.send(stack.server().endpoint(), "POST",
                "/v1/apps/" + appId + "/events", body);

        assertThat(response.statusCode()).isEqualTo(202);
        JsonNode results = StreamedRecords.parse(response.body()).path("Results");
        assertThat(results.path("no-endpoint").path("EventsItemResponse").path("e1").path("StatusCode").asInt())
                .isEqualTo(400);
        assertThat(results.path("null-item").path("EndpointItemResponse").path("StatusCode").asInt()).isEqualTo(400);
        assertThat(results.path("fine").path("EventsItemResponse").path("e2").path("StatusCode").asInt()).isEqualTo(202);
        // A blank StopTimestamp is no stop time, not the epoch.
        List<StreamedRecords> records = StreamedRecords.await(stack.kinesis(), EventsExtension.STREAM, appId,
                all -> !all.isEmpty());
        assertThat(records).filteredOn(r -> r.json().path("session").path("session_id").asText().equals("s"))
                .singleElement().satisfies(r -> assertThat(r.json().path("session").has("stop_timestamp")).isFalse());
        stack.server().pinpush().eventPublisher().flush();
        assertThat(StreamedRecords.of(stack.kinesis(), EventsExtension.STREAM, appId))
                .as("the events of the items without an endpoint are not streamed").hasSize(1);
    }

    @Test
    void anEndpointOfTheWrongShapeFailsItsOwnItemOnly(EventsStack stack) {
        String appId = OutcomeEventsTest.newApp(stack);
        Event tap = Event.builder().eventType("tap").timestamp(START).build();

        EventsResponse response = stack.pinpoint().putEvents(b -> b.applicationId(appId).eventsRequest(r -> r
                .batchItem(Map.of(
                        "unknown-channel", EventsBatch.builder().endpoint(e -> e.address("t1").channelType("PIGEON"))
                                .events(Map.of("e1", tap)).build(),
                        "fine", EventsBatch.builder().endpoint(e -> e.address("t2").channelType(ChannelType.GCM))
                                .events(Map.of("e2", tap)).build()))))
                .eventsResponse();

        var unknown = response.results().get("unknown-channel");
        assertThat(unknown.endpointItemResponse().statusCode()).isEqualTo(400);
        assertThat(unknown.endpointItemResponse().message())
                .startsWith("Invalid value 'PIGEON' for member ChannelType: expected one of");
        assertThat(unknown.eventsItemResponse().get("e1").statusCode()).as("the event still happened").isEqualTo(202);
        assertThat(response.results().get("fine").endpointItemResponse().statusCode()).isEqualTo(202);
        assertThat(stack.pinpoint().getEndpoint(b -> b.applicationId(appId).endpointId("fine")).endpointResponse()
                .address()).isEqualTo("t2");
        assertThatThrownBy(() -> stack.pinpoint().getEndpoint(b -> b.applicationId(appId).endpointId("unknown-channel")))
                .isInstanceOf(software.amazon.awssdk.services.pinpoint.model.NotFoundException.class);
        List<StreamedRecords> records = StreamedRecords.await(stack.kinesis(), EventsExtension.STREAM, appId,
                all -> all.size() == 2);
        assertThat(records).anySatisfy(r -> assertThat(r.json().path("client_context").path("custom")
                .path("endpoint").asText()).contains("PIGEON"));
    }

    @Test
    void requestsOverFourMegabytesArePayloadTooLarge(EventsStack stack) {
        String appId = OutcomeEventsTest.newApp(stack);
        String body = "{\"BatchItem\":{\"e\":{\"Endpoint\":{\"Address\":\"" + "x".repeat(4 * 1024 * 1024)
                + "\"},\"Events\":{}}}}";

        HttpResponse<String> response = RawHttp.send(stack.server().endpoint(), "POST",
                "/v1/apps/" + appId + "/events", body);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValueSatisfying(
                type -> assertThat(type).startsWith("PayloadTooLargeException"));
        assertThat(response.body()).contains("at most 4 MB");
    }

    @Test
    void missingBatchItemIsABadRequestAndUnknownAppNotFound(EventsStack stack) {
        String appId = OutcomeEventsTest.newApp(stack);

        HttpResponse<String> empty = RawHttp.send(stack.server().endpoint(), "POST", "/v1/apps/" + appId + "/events",
                "{}");

        assertThat(empty.statusCode()).isEqualTo(400);
        assertThat(empty.body()).contains("BatchItem is required");
        assertThatThrownBy(() -> stack.pinpoint().putEvents(b -> b.applicationId("0123456789abcdef0123456789abcdef")
                .eventsRequest(r -> r.batchItem(Map.of("x", EventsBatch.builder().endpoint(e -> e.address("t"))
                        .events(Map.of()).build())))))
                .isInstanceOf(NotFoundException.class);
    }

    private static JsonNode byType(List<StreamedRecords> records, String type) {
        return records.stream().map(StreamedRecords::json).filter(j -> j.path("event_type").asText().equals(type))
                .findFirst().orElseThrow(() -> new AssertionError("no " + type + " event in " + records));
    }
}
