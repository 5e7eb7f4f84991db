package io.pinpush.endpoints;

import static io.pinpush.endpoints.Fixtures.newApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import io.pinpush.channels.ChannelType;
import io.pinpush.local.LocalServer;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import io.pinpush.testing.PinpushExtension;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

/** The EndpointService API that messaging, segments and events build on, and how endpoints are stored. */
@ExtendWith(PinpushExtension.class)
class EndpointServiceTest {

    private static EndpointRequest push(ChannelType channel, String address) {
        return new EndpointRequest(address, null, channel, null, null, null, null, null, null, null, null);
    }

    private static EndpointService endpoints(LocalServer server) {
        return server.pinpush().endpoints();
    }

    @Test
    void endpointsAreSpreadOverTheAppsShardsAndEachShardCanBeReadAlone(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        EndpointService endpoints = endpoints(server);
        List<String> ids = IntStream.range(0, 60).mapToObj(i -> "spread-" + i).toList();
        ids.forEach(id -> endpoints.upsert(app, id, push(ChannelType.GCM, "token-" + id)));

        int shards = endpoints.shardCount(app);
        assertThat(shards).isEqualTo(16);
        Map<Integer, List<String>> byShard = new HashMap<>();
        for (int shard = 0; shard < shards; shard++) {
            int current = shard;
            endpoints.forEachInShard(app, shard, e -> byShard.computeIfAbsent(current, s -> new ArrayList<>()).add(e.id()));
        }

        assertThat(byShard.size()).as("60 endpoints land in many of the 16 shards").isGreaterThan(8);
        assertThat(byShard.values().stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(ids);
        byShard.forEach((shard, inShard) -> inShard.forEach(id ->
                assertThat(EndpointHashing.shard(id, shards)).isEqualTo(shard)));
        assertThat(countItems(server, app, shards)).isEqualTo(60);
        assertThatThrownBy(() -> endpoints.forEachInShard(app, shards, e -> { }))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void deleteAppDeletesAllOfItsEndpoints(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        String otherApp = newApp(pinpoint);
        EndpointService endpoints = endpoints(server);
        IntStream.range(0, 70).forEach(i -> endpoints.upsert(app, "gone-" + i, push(ChannelType.APNS, "t-" + i)));
        endpoints.upsert(otherApp, "stays", push(ChannelType.APNS, "t-0"));
        int shards = endpoints.shardCount(app);
        assertThat(countItems(server, app, shards)).isEqualTo(70);

        pinpoint.deleteApp(b -> b.applicationId(app));

        assertThat(countItems(server, app, shards)).isZero();
        assertThatThrownBy(() -> pinpoint.getEndpoint(b -> b.applicationId(app).endpointId("gone-1")))
                .isInstanceOf(NotFoundException.class);
        assertThat(endpoints.find(otherApp, "stays")).isPresent();
    }

    @Test
    void findAllReadsMoreThanOneBatchAndSkipsUnknownIds(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        EndpointService endpoints = endpoints(server);
        List<String> ids = IntStream.range(0, 150).mapToObj(i -> "many-" + i).toList();
        ids.forEach(id -> endpoints.upsert(app, id, push(ChannelType.GCM, "token-" + id)));
        List<String> asked = new ArrayList<>(ids);
        asked.addAll(List.of("unknown-1", "many-3", "x".repeat(2000)));

        Map<String, EndpointResponse> found = endpoints.findAll(app, asked);

        assertThat(found.keySet()).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(found.get("many-149").address()).isEqualTo("token-many-149");
        assertThat(endpoints.find(app, "unknown-1")).isEmpty();
        assertThatThrownBy(() -> endpoints.find("0123456789abcdef0123456789abcdef", "many-1"))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.type()).isEqualTo(ApiError.Type.NOT_FOUND));
    }

    @Test
    void markInactiveByAddressReportsTheEndpointsItChanged(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        EndpointService endpoints = endpoints(server);
        endpoints.upsert(app, "dead", push(ChannelType.GCM, "dead-token"));
        endpoints.upsert(app, "same-token-other-channel", push(ChannelType.BAIDU, "dead-token"));
        endpoints.upsert(app, "alive", push(ChannelType.GCM, "live-token"));

        assertThat(endpoints.markInactiveByAddress(app, ChannelType.GCM, "dead-token")).containsExactly("dead");
        assertThat(endpoints.markInactiveByAddress(app, ChannelType.GCM, "dead-token")).as("already inactive").isEmpty();

        assertThat(endpoints.find(app, "dead").orElseThrow().isActive()).isFalse();
        assertThat(endpoints.find(app, "same-token-other-channel").orElseThrow().isActive()).isTrue();
        assertThat(endpoints.find(app, "alive").orElseThrow().isActive()).isTrue();
        assertThat(endpoints.markInactive(app, "alive", "an-older-token")).isFalse();
        assertThat(endpoints.find(app, "alive").orElseThrow().isActive())
                .as("the dead token is not the endpoint's any more").isTrue();
        assertThat(endpoints.markInactive(app, "alive", "live-token")).isTrue();
        assertThat(endpoints.markInactive(app, "alive", "live-token")).as("already inactive: nothing to tell").isFalse();
        assertThat(endpoints.markInactive(app, "never-existed", "live-token")).isFalse();
        assertThat(endpoints.find(app, "alive").orElseThrow().endpointStatus()).isEqualTo("INACTIVE");
        assertThat(endpoints.find(app, "never-existed")).isEmpty();
    }

    @Test
    void replaceAddressOnlyReplacesTheAddressItWasGiven(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        EndpointService endpoints = endpoints(server);
        endpoints.upsert(app, "device", push(ChannelType.GCM, "registration-1"));

        assertThat(endpoints.replaceAddress(app, "device", "registration-0", "canonical")).isFalse();
        assertThat(endpoints.find(app, "device").orElseThrow().address()).isEqualTo("registration-1");

        assertThat(endpoints.replaceAddress(app, "device", "registration-1", "canonical")).isTrue();
        assertThat(endpoints.find(app, "device").orElseThrow().address()).isEqualTo("canonical");
        assertThat(endpoints.markInactiveByAddress(app, ChannelType.GCM, "canonical"))
                .as("the byAddress index follows the new address").containsExactly("device");
        assertThat(endpoints.replaceAddress(app, "missing", "a", "b")).isFalse();
    }

    @Test
    void upsertIsUpdateEndpointForServiceCallers(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        EndpointService endpoints = endpoints(server);

        EndpointResponse created = endpoints.upsert(app, "svc", new EndpointRequest("t", Map.of("a", List.of("1")),
                ChannelType.APNS, null, null, null, null, null, null, null, new EndpointUser(null, "svc-user")));
        EndpointResponse merged = endpoints.upsert(app, "svc", new EndpointRequest(null, Map.of("b", List.of("2")),
                null, null, null, null, null, null, null, null, null));

        assertThat(created.creationDate()).isNotNull();
        assertThat(merged.attributes()).containsOnlyKeys("a", "b");
        assertThat(endpoints.find(app, "svc")).contains(merged);
        assertThat(endpoints.userEndpoints(app, "svc-user")).containsExactly(merged);
        assertThat(endpoints.userEndpoints(app, "no-such-user")).isEmpty();
        assertThatThrownBy(() -> endpoints.upsert(app, "svc", new EndpointRequest(null,
                Map.of("n".repeat(51), List.of("v")), null, null, null, null, null, null, null, null, null)))
                .isInstanceOf(ApiError.class);
        assertThat(endpoints.find(app, "svc")).contains(merged);
    }

    private static int countItems(LocalServer server, String app, int shards) {
        DynamoDbClient dynamoDb = server.pinpush().aws().dynamoDb();
        String table = server.pinpush().config().tableName(Tables.ENDPOINTS.logicalName());
        int count = 0;
        for (int shard = 0; shard < shards; shard++) {
            String pk = app + "#" + shard;
            count += dynamoDb.query(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(pk)))).count();
        }
        return count;
    }
}
