package io.pinpush.endpoints;

import static io.pinpush.endpoints.Fixtures.get;
import static io.pinpush.endpoints.Fixtures.newApp;
import static io.pinpush.endpoints.Fixtures.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.testing.PinpushExtension;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.AttributesResource;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

@ExtendWith(PinpushExtension.class)
class RemoveAttributesApiTest {

    /** Twenty endpoints, so several shards are involved, each with attributes of all three types. */
    private static String appWithAttributes(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        for (int i = 0; i < 20; i++) {
            int n = i;
            put(pinpoint, app, "ep-" + n, r -> r.channelType(ChannelType.GCM).address("token-" + n)
                    .attributes(Map.of("color", List.of("red"), "size", List.of("L"), "tmp_a", List.of("1")))
                    .metrics(Map.of("visits", 1.0, "spend", 2.0))
                    .user(u -> u.userId("user-" + n).userAttributes(Map.of("name", List.of("Ann"), "age", List.of("40")))));
        }
        put(pinpoint, app, "ep-extra", r -> r.attributes(Map.of("tmp_b", List.of("2"))));
        return app;
    }

    @Test
    void removingCustomAttributesTakesThemOffEveryEndpoint(PinpointClient pinpoint) {
        String app = appWithAttributes(pinpoint);

        var response = pinpoint.removeAttributes(b -> b.applicationId(app).attributeType("endpoint-custom-attributes")
                .updateAttributesRequest(r -> r.blacklist("color", "tmp_*", "never-used")));

        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(200);
        AttributesResource removed = response.attributesResource();
        assertThat(removed.applicationId()).isEqualTo(app);
        assertThat(removed.attributeType()).isEqualTo("endpoint-custom-attributes");
        assertThat(removed.attributes()).containsExactly("color", "tmp_a", "tmp_b");
        for (int i = 0; i < 20; i++) {
            var endpoint = get(pinpoint, app, "ep-" + i);
            assertThat(endpoint.attributes()).isEqualTo(Map.of("size", List.of("L")));
            assertThat(endpoint.metrics()).hasSize(2);
            assertThat(endpoint.user().userAttributes()).hasSize(2);
        }
        assertThat(get(pinpoint, app, "ep-extra").hasAttributes()).as("no attributes left, member omitted").isFalse();
    }

    @Test
    void removingMetricAttributesLeavesTheOtherTypesAlone(PinpointClient pinpoint) {
        String app = appWithAttributes(pinpoint);

        AttributesResource removed = pinpoint.removeAttributes(b -> b.applicationId(app)
                .attributeType("endpoint-metric-attributes")
                .updateAttributesRequest(r -> r.blacklist("visits"))).attributesResource();

        assertThat(removed.attributes()).containsExactly("visits");
        var endpoint = get(pinpoint, app, "ep-5");
        assertThat(endpoint.metrics()).isEqualTo(Map.of("spend", 2.0));
        assertThat(endpoint.attributes()).containsKey("color");
    }

    @Test
    void removingUserAttributesKeepsTheUserId(PinpointClient pinpoint) {
        String app = appWithAttributes(pinpoint);

        AttributesResource removed = pinpoint.removeAttributes(b -> b.applicationId(app)
                .attributeType("endpoint-user-attributes")
                .updateAttributesRequest(r -> r.blacklist("name", "age"))).attributesResource();

        assertThat(removed.attributes()).containsExactly("age", "name");
        var endpoint = get(pinpoint, app, "ep-7");
        assertThat(endpoint.user().userId()).isNotBlank();
        assertThat(endpoint.user().hasUserAttributes()).isFalse();
        assertThat(endpoint.attributes()).containsKey("color");
    }

    @Test
    void unknownAttributeTypesEmptyBlacklistsAndUnknownAppsAreRejected(PinpointClient pinpoint) {
        String app = newApp(pinpoint);

        assertThatThrownBy(() -> pinpoint.removeAttributes(b -> b.applicationId(app).attributeType("endpoint-colors")
                .updateAttributesRequest(r -> r.blacklist("a")))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("endpoint-custom-attributes");
        assertThatThrownBy(() -> pinpoint.removeAttributes(b -> b.applicationId(app)
                .attributeType("endpoint-custom-attributes").updateAttributesRequest(r -> r.blacklist(List.of()))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("Blacklist");
        assertThatThrownBy(() -> pinpoint.removeAttributes(b -> b.applicationId("0123456789abcdef0123456789abcdef")
                .attributeType("endpoint-custom-attributes").updateAttributesRequest(r -> r.blacklist("a"))))
                .isInstanceOf(NotFoundException.class);
    }
}
