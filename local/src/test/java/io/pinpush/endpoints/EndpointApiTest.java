package io.pinpush.endpoints;

import static io.pinpush.endpoints.Fixtures.get;
import static io.pinpush.endpoints.Fixtures.newApp;
import static io.pinpush.endpoints.Fixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import io.pinpush.testing.RawHttp;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.UpdateEndpointResponse;

@ExtendWith(PinpushExtension.class)
class EndpointApiTest {

    @Test
    void updateEndpointCreatesItAndAnswers202Accepted(PinpointClient pinpoint) {
        String app = newApp(pinpoint);

        UpdateEndpointResponse response = pinpoint.updateEndpoint(b -> b.applicationId(app).endpointId("phone-1")
                .endpointRequest(r -> r.channelType(ChannelType.APNS).address("apns-token-1")
                        .attributes(Map.of("interests", List.of("music", "travel")))
                        .metrics(Map.of("sessions", 3.0))
                        .demographic(d -> d.platform("ios").appVersion("1.0").timezone("America/Los_Angeles"))
                        .location(l -> l.city("Seattle").country("US").latitude(47.6).longitude(-122.3))
                        .user(u -> u.userId("user-1").userAttributes(Map.of("plan", List.of("gold"))))));

        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(response.messageBody().message()).isEqualTo("Accepted");
        assertThat(response.messageBody().requestID()).isEqualTo(response.responseMetadata().requestId());

        EndpointResponse endpoint = get(pinpoint, app, "phone-1");
        assertThat(endpoint.id()).isEqualTo("phone-1");
        assertThat(endpoint.applicationId()).isEqualTo(app);
        assertThat(endpoint.channelType()).isEqualTo(ChannelType.APNS);
        assertThat(endpoint.address()).isEqualTo("apns-token-1");
        assertThat(endpoint.attributes()).containsExactlyEntriesOf(Map.of("interests", List.of("music", "travel")));
        assertThat(endpoint.metrics()).containsExactlyEntriesOf(Map.of("sessions", 3.0));
        assertThat(endpoint.demographic().platform()).isEqualTo("ios");
        assertThat(endpoint.location().latitude()).isEqualTo(47.6);
        assertThat(endpoint.user().userId()).isEqualTo("user-1");
        assertThat(endpoint.user().userAttributes()).containsExactlyEntriesOf(Map.of("plan", List.of("gold")));
        assertThat(endpoint.endpointStatus()).isEqualTo("ACTIVE");
        assertThat(endpoint.optOut()).isEqualTo("NONE");
        assertThat(endpoint.requestId()).as("the update's request id is stored").isEqualTo(response.messageBody().requestID());
        assertThat(endpoint.creationDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z");
        assertThat(endpoint.effectiveDate()).isEqualTo(endpoint.creationDate());
        assertThat(Integer.parseInt(endpoint.cohortId())).isBetween(0, 99);
    }

    @Test
    void updateMergesAbsentMembersAndMapKeysIntoTheStoredEndpoint(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        put(pinpoint, app, "ep", r -> r.channelType(ChannelType.GCM).address("fcm-1")
                .attributes(Map.of("a", List.of("1"), "b", List.of("2")))
                .metrics(Map.of("m", 1.0))
                .demographic(d -> d.platform("android").appVersion("1.0"))
                .optOut("ALL").requestId("first")
                .user(u -> u.userId("u-1").userAttributes(Map.of("x", List.of("1")))));
        EndpointResponse first = get(pinpoint, app, "ep");

        put(pinpoint, app, "ep", r -> r.attributes(Map.of("b", List.of("3", "4"), "c", List.of("5")))
                .metrics(Map.of("n", 2.0))
                .demographic(d -> d.appVersion("2.0"))
                .effectiveDate("2030-01-02T03:04:05.678Z")
                .user(u -> u.userAttributes(Map.of("y", List.of("2")))));
        EndpointResponse merged = get(pinpoint, app, "ep");

        assertThat(merged.address()).isEqualTo("fcm-1");
        assertThat(merged.channelType()).isEqualTo(ChannelType.GCM);
        assertThat(merged.attributes()).isEqualTo(Map.of("a", List.of("1"), "b", List.of("3", "4"), "c", List.of("5")));
        assertThat(merged.metrics()).isEqualTo(Map.of("m", 1.0, "n", 2.0));
        assertThat(merged.demographic().platform()).isEqualTo("android");
        assertThat(merged.demographic().appVersion()).isEqualTo("2.0");
        assertThat(merged.optOut()).isEqualTo("ALL");
        assertThat(merged.user().userId()).isEqualTo("u-1");
        assertThat(merged.user().userAttributes()).isEqualTo(Map.of("x", List.of("1"), "y", List.of("2")));
        assertThat(merged.creationDate()).isEqualTo(first.creationDate());
        assertThat(merged.effectiveDate()).isEqualTo("2030-01-02T03:04:05.678Z");
        assertThat(merged.cohortId()).isEqualTo(first.cohortId());
        assertThat(merged.requestId()).as("a new request id replaces the stored one").isNotEqualTo("first");

        put(pinpoint, app, "ep", r -> r.attributes(Map.of("a", List.of())));
        assertThat(get(pinpoint, app, "ep").attributes()).as("an empty list removes that attribute")
                .containsOnlyKeys("b", "c");
    }

    @Test
    void deleteEndpointAnswers202WithTheDeletedEndpoint(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        put(pinpoint, app, "doomed", r -> r.channelType(ChannelType.GCM).address("t").attributes(Map.of("k", List.of("v"))));

        var response = pinpoint.deleteEndpoint(b -> b.applicationId(app).endpointId("doomed"));

        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(response.endpointResponse().id()).isEqualTo("doomed");
        assertThat(response.endpointResponse().attributes()).containsKey("k");
        assertThatThrownBy(() -> get(pinpoint, app, "doomed")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.deleteEndpoint(b -> b.applicationId(app).endpointId("doomed")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void getEndpointAnswersOnlyMembersOfPinpointsEndpointResponse(PinpointClient pinpoint, LocalServer server)
            throws Exception {
        String app = newApp(pinpoint);
        put(pinpoint, app, "wire", r -> r.channelType(ChannelType.GCM).address("t").optOut("ALL")
                .user(u -> u.userId("wire-user")));

        HttpResponse<String> response = RawHttp.send(server.endpoint(), "GET", "/v1/apps/" + app + "/endpoints/wire", null);

        assertThat(response.statusCode()).isEqualTo(200);
        Set<String> members = new java.util.HashSet<>();
        io.pinpush.api.Json.mapper().readTree(response.body()).fieldNames().forEachRemaining(members::add);
        assertThat(members).containsExactlyInAnyOrder("Address", "ApplicationId", "ChannelType", "CohortId",
                "CreationDate", "EffectiveDate", "EndpointStatus", "Id", "OptOut", "RequestId", "User");
    }

    @Test
    void unknownAppsAndEndpointsAreNotFound(PinpointClient pinpoint) {
        String missingApp = "0123456789abcdef0123456789abcdef";
        assertThatThrownBy(() -> put(pinpoint, missingApp, "ep", r -> r.address("a").channelType(ChannelType.GCM)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(missingApp);
        assertThatThrownBy(() -> get(pinpoint, missingApp, "ep")).isInstanceOf(NotFoundException.class);

        String app = newApp(pinpoint);
        assertThatThrownBy(() -> get(pinpoint, app, "nobody")).isInstanceOf(NotFoundException.class)
                .hasMessageContaining("nobody");
    }

    @Test
    void unknownEnumValuesAndBadMembersAreBadRequestsThatWriteNothing(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        String path = "/v1/apps/" + app + "/endpoints/ep";

        HttpResponse<String> channel = RawHttp.send(server.endpoint(), "PUT", path, "{\"ChannelType\":\"PIGEON\",\"Address\":\"a\"}");
        assertThat(channel.statusCode()).isEqualTo(400);
        assertThat(channel.body()).contains("PIGEON").contains("APNS_SANDBOX");
        HttpResponse<String> status = RawHttp.send(server.endpoint(), "PUT", path, "{\"EndpointStatus\":\"PAUSED\"}");
        assertThat(status.statusCode()).isEqualTo(400);
        assertThat(status.body()).contains("EndpointStatus").contains("ACTIVE, INACTIVE");
        HttpResponse<String> optOut = RawHttp.send(server.endpoint(), "PUT", path, "{\"OptOut\":\"SOMETIMES\"}");
        assertThat(optOut.statusCode()).isEqualTo(400);
        assertThat(optOut.body()).contains("OptOut").contains("ALL, NONE");
        HttpResponse<String> date = RawHttp.send(server.endpoint(), "PUT", path, "{\"EffectiveDate\":\"last tuesday\"}");
        assertThat(date.statusCode()).isEqualTo(400);
        assertThat(date.body()).contains("EffectiveDate");
        HttpResponse<String> nullValue = RawHttp.send(server.endpoint(), "PUT", path, "{\"Attributes\":{\"a\":[null]}}");
        assertThat(nullValue.statusCode()).isEqualTo(400);
        HttpResponse<String> badId = RawHttp.send(server.endpoint(), "PUT", "/v1/apps/" + app + "/endpoints/a%7Bb%7D", "{}");
        assertThat(badId.statusCode()).isEqualTo(400);
        assertThat(badId.body()).contains("$, { or }");

        assertThatThrownBy(() -> get(pinpoint, app, "ep")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void wholeNumberMetricsFromJsonAreAccepted(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);

        HttpResponse<String> response = RawHttp.send(server.endpoint(), "PUT", "/v1/apps/" + app + "/endpoints/ep",
                "{\"Metrics\":{\"music_interest_level\":6}}");

        assertThat(response.statusCode()).isEqualTo(202);
        assertThat(get(pinpoint, app, "ep").metrics()).containsEntry("music_interest_level", 6.0);
    }

    @Test
    void everyQuotaIsABadRequestAndLeavesTheEndpointAsItWas(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        put(pinpoint, app, "ep", r -> r.channelType(ChannelType.GCM).address("t").attributes(Map.of("keep", List.of("me"))));
        EndpointResponse before = get(pinpoint, app, "ep");

        Map<String, List<String>> longName = Map.of("n".repeat(51), List.of("v"));
        Map<String, Double> longMetricName = Map.of("m".repeat(51), 1.0);
        Map<String, List<String>> longValue = Map.of("a", List.of("v".repeat(101)));
        Map<String, List<String>> tooManyValues = Map.of("a", IntStream.range(0, 51).mapToObj(i -> "v" + i).toList());
        Map<String, List<String>> custom = IntStream.range(0, 100).boxed()
                .collect(Collectors.toMap(i -> "a" + i, i -> List.of("v")));
        Map<String, Double> metrics = IntStream.range(0, 100).boxed().collect(Collectors.toMap(i -> "m" + i, i -> 1.0));
        Map<String, List<String>> userAttributes = IntStream.range(0, 51).boxed()
                .collect(Collectors.toMap(i -> "u" + i, i -> List.of("v")));
        Map<String, List<String>> bulky = IntStream.range(0, 160).boxed()
                .collect(Collectors.toMap(i -> "big" + i, i -> List.of("x".repeat(100))));

        assertBadRequest(() -> put(pinpoint, app, "ep", r -> r.attributes(longName)), "at most 50");
        assertBadRequest(() -> put(pinpoint, app, "ep", r -> r.metrics(longMetricName)), "at most 50");
        assertBadRequest(() -> put(pinpoint, app, "ep", r -> r.user(u -> u.userAttributes(longName))), "at most 50");
        assertBadRequest(() -> put(pinpoint, app, "ep", r -> r.attributes(longValue)), "at most 100");
        assertBadRequest(() -> put(pinpoint, app, "ep", r -> r.attributes(tooManyValues)), "51 values");
        assertBadRequest(() -> put(pinpoint, app, "ep", r -> r.attributes(custom).metrics(metrics)
                .user(u -> u.userAttributes(userAttributes))), "at most 250");
        assertBadRequest(() -> put(pinpoint, app, "ep", r -> r.attributes(bulky)), "15 KB");

        assertThat(get(pinpoint, app, "ep")).isEqualTo(before);
        assertThatThrownBy(() -> put(pinpoint, app, "fresh", r -> r.attributes(bulky))).isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> get(pinpoint, app, "fresh")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void theAttributeCountIncludesWhatIsAlreadyStored(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        Map<String, List<String>> stored = IntStream.range(0, 200).boxed()
                .collect(Collectors.toMap(i -> "a" + i, i -> List.of("v")));
        put(pinpoint, app, "ep", r -> r.attributes(stored));
        EndpointResponse before = get(pinpoint, app, "ep");
        Map<String, Double> more = IntStream.range(0, 51).boxed().collect(Collectors.toMap(i -> "m" + i, i -> 1.0));

        assertBadRequest(() -> put(pinpoint, app, "ep", r -> r.metrics(more)), "251 attributes");

        assertThat(get(pinpoint, app, "ep")).isEqualTo(before);
    }

    @Test
    void cohortIdIsStableAndSpreadAcrossZeroToNinetyNine(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        Set<String> cohorts = new java.util.HashSet<>();
        for (int i = 0; i < 30; i++) {
            String id = "cohort-" + i;
            put(pinpoint, app, id, r -> r.channelType(ChannelType.GCM).address("addr-" + id));
            String cohort = get(pinpoint, app, id).cohortId();
            put(pinpoint, app, id, r -> r.metrics(Map.of("visits", 2.0)));
            assertThat(get(pinpoint, app, id).cohortId()).isEqualTo(cohort).isEqualTo(EndpointHashing.cohort(id));
            assertThat(Integer.parseInt(cohort)).isBetween(0, 99);
            cohorts.add(cohort);
        }
        assertThat(cohorts).as("30 ids do not share a handful of cohorts").hasSizeGreaterThan(15);
    }

    @Test
    void concurrentUpdatesOfOneEndpointLoseNoAttribute(PinpointClient pinpoint) throws Exception {
        String app = newApp(pinpoint);
        put(pinpoint, app, "busy", r -> r.channelType(ChannelType.GCM).address("busy-token"));
        int writers = 24;
        ExecutorService threads = Executors.newFixedThreadPool(12);
        try {
            List<Future<?>> updates = IntStream.range(0, writers).<Future<?>>mapToObj(i -> threads.submit(() ->
                    put(pinpoint, app, "busy", r -> r.attributes(Map.of("k" + i, List.of("v" + i)))
                            .metrics(Map.of("m" + i, (double) i))))).toList();
            for (Future<?> update : updates) {
                update.get(60, TimeUnit.SECONDS);
            }
        } finally {
            threads.shutdownNow();
        }

        EndpointResponse endpoint = get(pinpoint, app, "busy");
        assertThat(endpoint.attributes()).hasSize(writers);
        assertThat(endpoint.metrics()).hasSize(writers);
        IntStream.range(0, writers).forEach(i -> {
            assertThat(endpoint.attributes()).containsEntry("k" + i, List.of("v" + i));
            assertThat(endpoint.metrics()).containsEntry("m" + i, (double) i);
        });
    }

    @Test
    void anActiveEndpointTakesItsAddressFromOlderEndpointsWithTheSameAddress(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        put(pinpoint, app, "before-reinstall", r -> r.channelType(ChannelType.APNS).address("same-device"));
        put(pinpoint, app, "other-device", r -> r.channelType(ChannelType.APNS).address("another-device"));

        put(pinpoint, app, "after-reinstall", r -> r.channelType(ChannelType.APNS).address("same-device"));

        assertThat(get(pinpoint, app, "before-reinstall").endpointStatus()).isEqualTo("INACTIVE");
        assertThat(get(pinpoint, app, "after-reinstall").endpointStatus()).isEqualTo("ACTIVE");
        assertThat(get(pinpoint, app, "other-device").endpointStatus()).isEqualTo("ACTIVE");

        put(pinpoint, app, "before-reinstall", r -> r.metrics(Map.of("sessions", 1.0)));
        assertThat(get(pinpoint, app, "before-reinstall").endpointStatus())
                .as("updating an endpoint reactivates it, as Pinpoint does").isEqualTo("ACTIVE");
        assertThat(get(pinpoint, app, "after-reinstall").endpointStatus()).isEqualTo("INACTIVE");
    }

    private static void assertBadRequest(Runnable call, String message) {
        assertThatThrownBy(call::run).isInstanceOfSatisfying(BadRequestException.class, e -> {
            assertThat(e.statusCode()).isEqualTo(400);
            assertThat(e.awsErrorDetails().errorMessage()).contains(message);
        });
    }
}
