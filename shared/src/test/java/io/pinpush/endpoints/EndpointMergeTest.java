package io.pinpush.endpoints;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.channels.ChannelType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EndpointMergeTest {

    private static final String APP = "0123456789abcdef0123456789abcdef";
    private static final String T0 = "2024-01-01T00:00:00.001Z";
    private static final String T1 = "2024-01-02T00:00:00.001Z";

    private static EndpointRequest request(String address, Map<String, List<String>> attributes,
                                           Map<String, Double> metrics, EndpointUser user) {
        return new EndpointRequest(address, attributes, address == null ? null : ChannelType.GCM, null, null, null,
                null, metrics, null, null, user);
    }

    @Test
    void creationFillsIdsDatesStatusOptOutAndCohort() {
        EndpointResponse created = EndpointMerge.apply(null, request("token", null, null, null), APP, "ep-1", T0);

        assertThat(created.id()).isEqualTo("ep-1");
        assertThat(created.applicationId()).isEqualTo(APP);
        assertThat(created.creationDate()).isEqualTo(T0);
        assertThat(created.effectiveDate()).isEqualTo(T0);
        assertThat(created.endpointStatus()).isEqualTo("ACTIVE");
        assertThat(created.optOut()).isEqualTo("NONE");
        assertThat(created.cohortId()).isEqualTo(EndpointHashing.cohort("ep-1"));
        assertThat(created.attributes()).isNull();
        assertThat(created.user()).isNull();
    }

    @Test
    void absentMembersKeepStoredValuesAndMapsMergePerKey() {
        EndpointResponse stored = EndpointMerge.apply(null, new EndpointRequest("token", Map.of("a", List.of("1"), "b", List.of("2")),
                ChannelType.APNS, new EndpointDemographic("1.0", null, null, null, null, "ios", "17", null), null, null,
                new EndpointLocation("Seattle", "US", null, null, null, null), Map.of("m", 1.0), "ALL", "r1",
                new EndpointUser(Map.of("u", List.of("x")), "user-1")), APP, "ep", T0);

        EndpointResponse updated = EndpointMerge.apply(stored, new EndpointRequest(null, Map.of("b", List.of("3")),
                null, new EndpointDemographic("2.0", null, null, null, null, null, null, null), null, null,
                new EndpointLocation(null, null, 47.6, null, null, null), Map.of("n", 2.0), null, null,
                new EndpointUser(Map.of("v", List.of("y")), null)), APP, "ep", T1);

        assertThat(updated.address()).isEqualTo("token");
        assertThat(updated.channelType()).isEqualTo(ChannelType.APNS);
        assertThat(updated.attributes()).containsExactlyInAnyOrderEntriesOf(Map.of("a", List.of("1"), "b", List.of("3")));
        assertThat(updated.metrics()).containsExactlyInAnyOrderEntriesOf(Map.of("m", 1.0, "n", 2.0));
        assertThat(updated.user().userId()).isEqualTo("user-1");
        assertThat(updated.user().userAttributes()).containsOnlyKeys("u", "v");
        assertThat(updated.demographic().appVersion()).isEqualTo("2.0");
        assertThat(updated.demographic().platform()).isEqualTo("ios");
        assertThat(updated.location().city()).isEqualTo("Seattle");
        assertThat(updated.location().latitude()).isEqualTo(47.6);
        assertThat(updated.optOut()).isEqualTo("ALL");
        assertThat(updated.requestId()).isEqualTo("r1");
        assertThat(updated.creationDate()).isEqualTo(T0);
        assertThat(updated.effectiveDate()).isEqualTo(T1);
    }

    @Test
    void emptyListRemovesOneAttributeAndEmptyUserIdRemovesTheUser() {
        EndpointResponse stored = EndpointMerge.apply(null, request("t", Map.of("a", List.of("1"), "b", List.of("2")), null,
                new EndpointUser(null, "user-1")), APP, "ep", T0);

        EndpointResponse updated = EndpointMerge.apply(stored, request(null, Map.of("a", List.of()), null,
                new EndpointUser(null, "")), APP, "ep", T1);

        assertThat(updated.attributes()).containsOnlyKeys("b");
        assertThat(updated.user()).isNull();
    }

    @Test
    void anUpdateReactivatesAnInactiveEndpointUnlessItSaysOtherwise() {
        EndpointResponse inactive = EndpointMerge.apply(null, request("t", null, null, null), APP, "ep", T0)
                .withEndpointStatus("INACTIVE");

        assertThat(EndpointMerge.apply(inactive, request(null, null, Map.of("m", 1.0), null), APP, "ep", T1)
                .endpointStatus()).isEqualTo("ACTIVE");
        assertThat(EndpointMerge.apply(inactive, new EndpointRequest(null, null, null, null, null, "INACTIVE", null,
                null, null, null, null), APP, "ep", T1).endpointStatus()).isEqualTo("INACTIVE");
    }

    @Test
    void effectiveDateFromTheRequestIsNormalizedToUtc() {
        EndpointRequest request = new EndpointRequest(null, null, null, null, "2024-05-01T19:31:01.046+02:00", null,
                null, null, null, null, null);

        assertThat(EndpointMerge.apply(null, request, APP, "ep", T0).effectiveDate()).isEqualTo("2024-05-01T17:31:01.046Z");
    }
}
