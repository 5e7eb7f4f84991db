package io.pinpush.segments;

import static io.pinpush.segments.SegmentCalls.newApp;
import static io.pinpush.segments.SegmentCalls.size;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.ApiError;
import io.pinpush.endpoints.EndpointHashing;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.DimensionType;
import software.amazon.awssdk.services.pinpoint.model.EndpointBatchItem;

/** A segment's audience across many shards: exact members through the streaming API and exact counts by reason. */
@ExtendWith(PinpushExtension.class)
class SegmentAudienceTest {

    private record Planned(String id, boolean german, String status, String optOut) {
    }

    @Test
    void audienceAcrossShardsIsExactAndExclusionsAreCountedByReason(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        // 60 endpoints: German or French; every 5th INACTIVE, every 7th opted out.
        List<Planned> planned = new ArrayList<>();
        for (int i = 0; i < 60; i++) {
            planned.add(new Planned("ep-" + i, i % 2 == 0, i % 5 == 0 ? "INACTIVE" : "ACTIVE", i % 7 == 0 ? "ALL" : "NONE"));
        }
        for (int from = 0; from < planned.size(); from += 20) {
            List<EndpointBatchItem> items = planned.subList(from, from + 20).stream().map(p -> EndpointBatchItem.builder()
                    .id(p.id()).channelType(ChannelType.GCM).address("token-" + p.id())
                    .location(l -> l.country(p.german() ? "DE" : "FR"))
                    .endpointStatus(p.status()).optOut(p.optOut()).build()).toList();
            pinpoint.updateEndpointsBatch(b -> b.applicationId(app).endpointBatchRequest(r -> r.item(items)));
        }
        int shards = server.pinpush().endpoints().shardCount(app);
        assertThat(planned.stream().filter(Planned::german).map(p -> EndpointHashing.shard(p.id(), shards)).distinct().count())
                .as("the Germans are spread over several shards").isGreaterThan(3);

        String segment = pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("germany")
                .dimensions(d -> d.location(l -> l.country(c -> c.dimensionType(DimensionType.INCLUSIVE).values("DE"))))))
                .segmentResponse().id();

        // Reasons are checked in order: segment, then INACTIVE, then opt-out.
        long outside = planned.stream().filter(p -> !p.german()).count();
        long inactive = planned.stream().filter(p -> p.german() && p.status().equals("INACTIVE")).count();
        long optedOut = planned.stream().filter(p -> p.german() && p.status().equals("ACTIVE") && p.optOut().equals("ALL")).count();
        Set<String> expected = planned.stream().filter(p -> p.german() && p.status().equals("ACTIVE") && p.optOut().equals("NONE"))
                .map(Planned::id).collect(Collectors.toSet());
        assertThat(inactive).isPositive();
        assertThat(optedOut).isPositive();

        Set<String> streamed = ConcurrentHashMap.newKeySet();
        EvaluationCounts counts = server.pinpush().segmentAudience().forEachMember(app, segment, null,
                endpoint -> assertThat(streamed.add(endpoint.id())).as("each member once").isTrue());
        assertThat(streamed).isEqualTo(expected);
        assertThat(counts.total()).isEqualTo(60);
        assertThat(counts.sendable()).isEqualTo(expected.size());
        assertThat(counts.excluded()).isEqualTo(Map.of(ExclusionReason.FILTERED_OUT_BY_SEGMENT, outside,
                ExclusionReason.ENDPOINT_INACTIVE, inactive, ExclusionReason.ENDPOINT_OPT_OUT, optedOut));

        JsonNode size = size(server, app, segment);
        assertThat(size.path("Total").asLong()).isEqualTo(60);
        assertThat(size.path("Members").asLong()).isEqualTo(60 - outside);
        assertThat(size.path("Sendable").asLong()).isEqualTo(expected.size());
        assertThat(size.path("Version").asInt()).isEqualTo(1);
        assertThat(size.path("Excluded").path("FILTERED_OUT_BY_SEGMENT").asLong()).isEqualTo(outside);
        assertThat(size.path("Excluded").path("ENDPOINT_INACTIVE").asLong()).isEqualTo(inactive);
        assertThat(size.path("Excluded").path("ENDPOINT_OPT_OUT").asLong()).isEqualTo(optedOut);
    }

    @Test
    void aPinnedVersionIsEvaluatedAsItWas(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        pinpoint.updateEndpoint(b -> b.applicationId(app).endpointId("de").endpointRequest(r -> r.channelType(ChannelType.GCM)
                .address("t-de").location(l -> l.country("DE"))));
        pinpoint.updateEndpoint(b -> b.applicationId(app).endpointId("fr").endpointRequest(r -> r.channelType(ChannelType.GCM)
                .address("t-fr").location(l -> l.country("FR"))));
        String segment = pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("c")
                .dimensions(d -> d.location(l -> l.country(c -> c.values("DE")))))).segmentResponse().id();
        pinpoint.updateSegment(b -> b.applicationId(app).segmentId(segment).writeSegmentRequest(r -> r
                .dimensions(d -> d.location(l -> l.country(c -> c.values("FR"))))));

        Set<String> v1 = ConcurrentHashMap.newKeySet();
        Set<String> latest = ConcurrentHashMap.newKeySet();
        server.pinpush().segmentAudience().forEachMember(app, segment, 1, e -> v1.add(e.id()));
        server.pinpush().segmentAudience().forEachMember(app, segment, null, e -> latest.add(e.id()));

        assertThat(v1).containsExactly("de");
        assertThat(latest).containsExactly("fr");
        assertThatThrownBy(() -> server.pinpush().segmentAudience().forEachMember(app, segment, 3, e -> { }))
                .isInstanceOf(ApiError.class).extracting(e -> ((ApiError) e).type()).isEqualTo(ApiError.Type.NOT_FOUND);
    }

    @Test
    void sizeOfAnUnknownSegmentIsNotFound(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        assertThat(io.pinpush.testing.RawHttp.send(server.endpoint(), "GET",
                "/v1/apps/" + app + "/segments/" + "f".repeat(32) + "/size", null).statusCode()).isEqualTo(404);
    }
}
