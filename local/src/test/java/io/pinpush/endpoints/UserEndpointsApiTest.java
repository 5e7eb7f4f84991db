package io.pinpush.endpoints;

import static io.pinpush.endpoints.Fixtures.get;
import static io.pinpush.endpoints.Fixtures.newApp;
import static io.pinpush.endpoints.Fixtures.put;
import static io.pinpush.endpoints.Fixtures.putPush;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.testing.PinpushExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

@ExtendWith(PinpushExtension.class)
class UserEndpointsApiTest {

    @Test
    void getUserEndpointsListsTheUsersEndpointsOldestFirst(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        putPush(pinpoint, app, "phone", "alice");
        putPush(pinpoint, app, "tablet", "alice");
        putPush(pinpoint, app, "bobs-phone", "bob");

        List<EndpointResponse> alice = pinpoint.getUserEndpoints(b -> b.applicationId(app).userId("alice"))
                .endpointsResponse().item();

        assertThat(alice).extracting(EndpointResponse::id).containsExactly("phone", "tablet");
        assertThat(alice).allSatisfy(e -> assertThat(e.applicationId()).isEqualTo(app));
    }

    @Test
    void aUsersAttributesAreTheSameOnEachOfTheUsersEndpoints(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        put(pinpoint, app, "phone", r -> r.channelType(ChannelType.GCM).address("t-phone")
                .user(u -> u.userId("erin").userAttributes(Map.of("Tier", List.of("gold"), "Age", List.of("30")))));
        put(pinpoint, app, "other", r -> r.channelType(ChannelType.GCM).address("t-other")
                .user(u -> u.userId("frank").userAttributes(Map.of("Tier", List.of("bronze")))));

        // Joining the user: the endpoint takes the user's attributes, its own winning.
        put(pinpoint, app, "tablet", r -> r.channelType(ChannelType.APNS).address("t-tablet")
                .user(u -> u.userId("erin").userAttributes(Map.of("Plan", List.of("family")))));
        assertThat(get(pinpoint, app, "tablet").user().userAttributes())
                .isEqualTo(Map.of("Tier", List.of("gold"), "Age", List.of("30"), "Plan", List.of("family")));
        assertThat(get(pinpoint, app, "phone").user().userAttributes()).containsEntry("Plan", List.of("family"));

        // A change on one endpoint, a value set and one removed, reaches the user's others and no one else.
        put(pinpoint, app, "tablet", r -> r.user(u -> u.userId("erin")
                .userAttributes(Map.of("Tier", List.of("silver"), "Age", List.of()))));
        for (String id : List.of("phone", "tablet")) {
            assertThat(get(pinpoint, app, id).user().userAttributes()).as(id)
                    .isEqualTo(Map.of("Tier", List.of("silver"), "Plan", List.of("family")));
        }
        assertThat(get(pinpoint, app, "other").user().userAttributes()).isEqualTo(Map.of("Tier", List.of("bronze")));
    }

    @Test
    void aUserWithoutEndpointsIsNotFound(PinpointClient pinpoint) {
        String app = newApp(pinpoint);

        assertThatThrownBy(() -> pinpoint.getUserEndpoints(b -> b.applicationId(app).userId("nobody")))
                .isInstanceOf(NotFoundException.class).hasMessageContaining("nobody");
        assertThatThrownBy(() -> pinpoint.deleteUserEndpoints(b -> b.applicationId(app).userId("nobody")))
                .isInstanceOf(NotFoundException.class);
    }

    @Test
    void deleteUserEndpointsAnswers202WithTheDeletedEndpointsAndLeavesOthers(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        putPush(pinpoint, app, "phone", "carol");
        putPush(pinpoint, app, "laptop", "carol");
        putPush(pinpoint, app, "daves-phone", "dave");

        var response = pinpoint.deleteUserEndpoints(b -> b.applicationId(app).userId("carol"));

        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(response.endpointsResponse().item()).extracting(EndpointResponse::id)
                .containsExactlyInAnyOrder("phone", "laptop");
        assertThatThrownBy(() -> get(pinpoint, app, "phone")).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.getUserEndpoints(b -> b.applicationId(app).userId("carol")))
                .isInstanceOf(NotFoundException.class);
        assertThat(get(pinpoint, app, "daves-phone").user().userId()).isEqualTo("dave");
    }

    @Test
    void aSixteenthPushEndpointMakesTheUsersOldestInactiveAndTakesItsPlace(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        for (int i = 1; i <= 15; i++) {
            putPush(pinpoint, app, "device-" + i, "erin");
        }

        put(pinpoint, app, "device-16", r -> r.channelType(ChannelType.APNS).address("apns-16").user(u -> u.userId("erin")));

        EndpointResponse oldest = get(pinpoint, app, "device-1");
        assertThat(oldest.endpointStatus()).isEqualTo("INACTIVE");
        assertThat(oldest.user() == null ? null : oldest.user().userId()).as("the oldest gives up the user id").isNull();
        List<EndpointResponse> erin = pinpoint.getUserEndpoints(b -> b.applicationId(app).userId("erin"))
                .endpointsResponse().item();
        assertThat(erin).hasSize(15).extracting(EndpointResponse::id).doesNotContain("device-1").contains("device-16");
        assertThat(erin).allSatisfy(e -> assertThat(e.endpointStatus()).isEqualTo("ACTIVE"));
    }

    @Test
    void aSixteenthNonPushEndpointIsRejectedAndNotWritten(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        for (int i = 1; i <= 15; i++) {
            putPush(pinpoint, app, "device-" + i, "frank");
        }

        assertThatThrownBy(() -> put(pinpoint, app, "franks-email", r -> r.channelType(ChannelType.EMAIL)
                .address("frank@example.com").user(u -> u.userId("frank"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("15 endpoints");

        assertThatThrownBy(() -> get(pinpoint, app, "franks-email")).isInstanceOf(NotFoundException.class);
        assertThat(get(pinpoint, app, "device-1").endpointStatus()).isEqualTo("ACTIVE");
    }
}
