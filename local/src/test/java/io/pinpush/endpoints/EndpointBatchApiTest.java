package io.pinpush.endpoints;

import static io.pinpush.endpoints.Fixtures.get;
import static io.pinpush.endpoints.Fixtures.newApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointBatchItem;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

@ExtendWith(PinpushExtension.class)
class EndpointBatchApiTest {

    @Test
    void aBatchOfOneHundredEndpointsIsAcceptedAndStored(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        List<EndpointBatchItem> items = items(100);

        var response = pinpoint.updateEndpointsBatch(b -> b.applicationId(app).endpointBatchRequest(r -> r.item(items)));

        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(202);
        assertThat(response.messageBody().message()).isEqualTo("Accepted");
        var stored = server.pinpush().endpoints().findAll(app, items.stream().map(EndpointBatchItem::id).toList());
        assertThat(stored).hasSize(100);
        assertThat(stored.get("batch-42").address()).isEqualTo("token-42");
        assertThat(stored.get("batch-42").attributes()).containsEntry("n", List.of("42"));
        assertThat(stored.get("batch-42").requestId()).isEqualTo(response.messageBody().requestID());
    }

    @Test
    void aBatchMergesIntoExistingEndpointsLikeUpdateEndpoint(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        Fixtures.put(pinpoint, app, "batch-0", r -> r.channelType(ChannelType.GCM).address("old-token")
                .attributes(Map.of("kept", List.of("yes"))));

        pinpoint.updateEndpointsBatch(b -> b.applicationId(app).endpointBatchRequest(r -> r.item(items(2))));

        var merged = get(pinpoint, app, "batch-0");
        assertThat(merged.address()).isEqualTo("token-0");
        assertThat(merged.attributes()).containsEntry("kept", List.of("yes")).containsEntry("n", List.of("0"));
    }

    @Test
    void aBatchOfOneHundredAndOneIsRejectedWhole(PinpointClient pinpoint) {
        String app = newApp(pinpoint);

        assertThatThrownBy(() -> pinpoint.updateEndpointsBatch(b -> b.applicationId(app)
                .endpointBatchRequest(r -> r.item(items(101)))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("at most 100");

        assertThatThrownBy(() -> get(pinpoint, app, "batch-0")).isInstanceOf(NotFoundException.class);
    }

    @Test
    void oneBadItemRejectsTheBatchAndWritesNoneOfIt(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        List<EndpointBatchItem> items = new ArrayList<>(items(10));
        items.set(7, items.get(7).toBuilder().attributes(Map.of("x".repeat(51), List.of("v"))).build());

        assertThatThrownBy(() -> pinpoint.updateEndpointsBatch(b -> b.applicationId(app)
                .endpointBatchRequest(r -> r.item(items)))).isInstanceOfSatisfying(BadRequestException.class,
                e -> assertThat(e.awsErrorDetails().errorMessage()).contains("Item[7]").contains("at most 50"));

        List<EndpointBatchItem> missingId = new ArrayList<>(items(3));
        missingId.set(1, missingId.get(1).toBuilder().id(null).build());
        assertThatThrownBy(() -> pinpoint.updateEndpointsBatch(b -> b.applicationId(app)
                .endpointBatchRequest(r -> r.item(missingId)))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Item[1]").hasMessageContaining("Id is required");

        assertThat(server.pinpush().endpoints().findAll(app, items.stream().map(EndpointBatchItem::id).toList())).isEmpty();
    }

    @Test
    void aBatchItemThatBreaksAQuotaOnlyWithItsStoredAttributesRejectsTheBatch(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        Map<String, List<String>> full = new java.util.HashMap<>();
        IntStream.range(0, 250).forEach(i -> full.put("a" + i, List.of("v")));
        Fixtures.put(pinpoint, app, "batch-3", r -> r.attributes(full));

        assertThatThrownBy(() -> pinpoint.updateEndpointsBatch(b -> b.applicationId(app)
                .endpointBatchRequest(r -> r.item(items(5))))).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("Item[3]").hasMessageContaining("at most 250");

        assertThat(server.pinpush().endpoints().findAll(app, List.of("batch-0", "batch-1", "batch-2", "batch-4"))).isEmpty();
        assertThat(get(pinpoint, app, "batch-3").attributes()).hasSize(250);
    }

    @Test
    void itemsThatTogetherGiveAUserTooManyEndpointsRejectTheBatchAndWriteNoneOfIt(PinpointClient pinpoint,
                                                                                   LocalServer server) {
        String app = newApp(pinpoint);
        IntStream.range(0, 14).forEach(i -> Fixtures.put(pinpoint, app, "mail-" + i, r -> r
                .channelType(ChannelType.EMAIL).address("u" + i + "@example.com").user(u -> u.userId("full-user"))));
        // Each fits beside the 14 stored endpoints; the second does not beside the first.
        List<EndpointBatchItem> two = List.of(emailOf("new-1", "full-user"), emailOf("new-2", "full-user"));

        assertThatThrownBy(() -> pinpoint.updateEndpointsBatch(b -> b.applicationId(app)
                .endpointBatchRequest(r -> r.item(two)))).isInstanceOfSatisfying(BadRequestException.class,
                e -> assertThat(e.awsErrorDetails().errorMessage()).contains("Item[1]").contains("15 endpoints"));

        assertThat(server.pinpush().endpoints().findAll(app, List.of("new-1", "new-2"))).isEmpty();
        assertThat(pinpoint.getUserEndpoints(b -> b.applicationId(app).userId("full-user")).endpointsResponse().item())
                .hasSize(14);
    }

    private static EndpointBatchItem emailOf(String id, String userId) {
        return EndpointBatchItem.builder().id(id).channelType(ChannelType.EMAIL).address(id + "@example.com")
                .user(u -> u.userId(userId)).build();
    }

    private static List<EndpointBatchItem> items(int count) {
        return IntStream.range(0, count).mapToObj(i -> EndpointBatchItem.builder()
                .id("batch-" + i).channelType(ChannelType.GCM).address("token-" + i)
                .attributes(Map.of("n", List.of(Integer.toString(i))))
                .build()).toList();
    }
}
