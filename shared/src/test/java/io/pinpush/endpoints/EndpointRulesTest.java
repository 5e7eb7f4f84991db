package io.pinpush.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import io.pinpush.channels.ChannelType;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Hashing, quotas, the 15-per-user rule and blacklist globs: the pure parts of the endpoint rules. */
class EndpointRulesTest {

    @Test
    void shardAndCohortAreStableAndInRange() {
        Set<Integer> shards = new HashSet<>();
        Set<String> cohorts = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String id = "endpoint-" + i;
            int shard = EndpointHashing.shard(id, 16);
            assertThat(shard).isBetween(0, 15);
            int cohort = Integer.parseInt(EndpointHashing.cohort(id));
            assertThat(cohort).isBetween(0, 99);
            shards.add(shard);
            cohorts.add(EndpointHashing.cohort(id));
        }
        assertThat(shards).hasSize(16);
        assertThat(cohorts).hasSize(100);
        // Pinned: a changed hash would move every stored endpoint to another partition.
        assertThat(EndpointHashing.shard("ios-user-001", 16)).isEqualTo(10);
        assertThat(EndpointHashing.cohort("ios-user-001")).isEqualTo("46");
        assertThat(EndpointHashing.shard("example_endpoint", 16)).isEqualTo(15);
        assertThat(EndpointHashing.cohort("example_endpoint")).isEqualTo("75");
    }

    @Test
    void requestQuotasAreBadRequestsNamingTheMember() {
        assertThatThrownBy(() -> attributes(Map.of("x".repeat(51), List.of("v"))))
                .isInstanceOf(ApiError.class).hasMessageContaining("at most 50");
        assertThatThrownBy(() -> attributes(Map.of("a", List.of("v".repeat(101)))))
                .isInstanceOf(ApiError.class).hasMessageContaining("at most 100");
        assertThatThrownBy(() -> attributes(Map.of("a", IntStream.range(0, 51).mapToObj(i -> "v" + i).toList())))
                .isInstanceOf(ApiError.class).hasMessageContaining("51 values");
        assertThatThrownBy(() -> new EndpointRequest(null, null, null, null, "yesterday", null, null, null, null, null, null))
                .isInstanceOf(ApiError.class).hasMessageContaining("EffectiveDate");
        assertThatThrownBy(() -> new EndpointRequest(null, null, null, null, null, "PAUSED", null, null, null, null, null))
                .isInstanceOf(ApiError.class).hasMessageContaining("ACTIVE, INACTIVE");
        assertThatThrownBy(() -> new EndpointRequest(null, null, null, null, null, null, null, null, "SOME", null, null))
                .isInstanceOf(ApiError.class).hasMessageContaining("ALL, NONE");
        assertThatThrownBy(() -> EndpointLimits.requireValidId("a{b}", "EndpointId"))
                .isInstanceOf(ApiError.class).hasMessageContaining("$, { or }");
    }

    @Test
    void storedQuotasCountAllKeysAndTheDocumentSize() {
        Map<String, List<String>> many = new java.util.HashMap<>();
        IntStream.range(0, 200).forEach(i -> many.put("a" + i, List.of("v")));
        Map<String, Double> metrics = new java.util.HashMap<>();
        IntStream.range(0, 51).forEach(i -> metrics.put("m" + i, 1.0));
        EndpointResponse tooManyKeys = endpoint("ep").withAttributes(many).withMetrics(metrics);
        assertThatThrownBy(() -> EndpointLimits.checkStored(tooManyKeys)).hasMessageContaining("251 attributes");

        Map<String, List<String>> big = new java.util.HashMap<>();
        IntStream.range(0, 200).forEach(i -> big.put("a" + i, List.of("v".repeat(100))));
        assertThatThrownBy(() -> EndpointLimits.checkStored(endpoint("ep").withAttributes(big)))
                .hasMessageContaining("15 KB");
    }

    @Test
    void aSixteenthPushEndpointReleasesTheOldestPushEndpointPreferringInactiveOnes() {
        List<EndpointResponse> users = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            users.add(endpoint("ep-" + i, ChannelType.GCM, String.format("2024-01-01T00:00:%02d.000Z", i)));
        }
        EndpointResponse sixteenth = endpoint("new", ChannelType.APNS, "2024-02-01T00:00:00.000Z");
        UserEndpointCap.requireRoom(sixteenth, users);
        assertThat(UserEndpointCap.toRelease(sixteenth, users)).extracting(EndpointResponse::id).containsExactly("ep-0");

        users.set(7, users.get(7).withEndpointStatus("INACTIVE"));
        assertThat(UserEndpointCap.toRelease(sixteenth, users)).extracting(EndpointResponse::id).containsExactly("ep-7");

        assertThat(UserEndpointCap.toRelease(users.get(3), users)).as("an existing endpoint is no 16th").isEmpty();
    }

    @Test
    void aSixteenthEndpointIsRejectedWhenNoPushEndpointCanGiveWay() {
        List<EndpointResponse> push = new ArrayList<>();
        List<EndpointResponse> email = new ArrayList<>();
        for (int i = 0; i < 15; i++) {
            push.add(endpoint("p" + i, ChannelType.GCM, "2024-01-01T00:00:00.000Z"));
            email.add(endpoint("e" + i, ChannelType.EMAIL, "2024-01-01T00:00:00.000Z"));
        }
        assertThatThrownBy(() -> UserEndpointCap.requireRoom(endpoint("sms", ChannelType.SMS, null), push))
                .isInstanceOf(ApiError.class).hasMessageContaining("15 endpoints");
        assertThatThrownBy(() -> UserEndpointCap.requireRoom(endpoint("gcm", ChannelType.GCM, null), email))
                .isInstanceOf(ApiError.class).hasMessageContaining("none of them a push endpoint");
    }

    @Test
    void blacklistEntriesAreExactNamesOrGlobs() {
        var names = Globs.anyOf(List.of("exact", "tmp_*", "v?", "a.b"));

        assertThat(List.of("exact", "tmp_", "tmp_x", "v1", "a.b")).allMatch(names);
        assertThat(List.of("exactly", "tmp", "v12", "aXb", "EXACT")).noneMatch(names);
    }

    private static EndpointRequest attributes(Map<String, List<String>> attributes) {
        return new EndpointRequest(null, attributes, null, null, null, null, null, null, null, null, null);
    }

    private static EndpointResponse endpoint(String id) {
        return endpoint(id, ChannelType.GCM, "2024-01-01T00:00:00.000Z");
    }

    private static EndpointResponse endpoint(String id, ChannelType channel, String created) {
        return new EndpointResponse("addr-" + id, "app", null, channel, "1", created, null, created, "ACTIVE", id,
                null, null, "NONE", null, new EndpointUser(null, "user"));
    }
}
