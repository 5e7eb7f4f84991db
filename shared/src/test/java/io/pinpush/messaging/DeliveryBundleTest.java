package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.providers.RenderedPush;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** How deliveries are packed into delivery-queue messages, and read back. */
class DeliveryBundleTest {

    @Test
    void deliveriesArePackedTenToAMessageInOrderAndReadBackWhole() {
        List<Delivery> deliveries = deliveries(25, "{\"aps\":{\"alert\":\"hi\"}}");

        List<DeliveryBundle> bundles = DeliveryBundle.pack(deliveries);

        assertThat(bundles).extracting(b -> b.deliveries().size()).containsExactly(10, 10, 5);
        assertThat(bundles.stream().flatMap(b -> DeliveryBundle.read(b.body()).stream()).toList())
                .isEqualTo(deliveries);
    }

    @Test
    void aBundleOfOneIsThePlainDeliveryBodyOlderVersionsQueued() {
        Delivery delivery = deliveries(1, "{}").get(0);

        DeliveryBundle bundle = DeliveryBundle.pack(List.of(delivery)).get(0);

        assertThat(bundle.body()).isEqualTo(Json.write(delivery));
        assertThat(DeliveryBundle.read(Json.write(delivery))).containsExactly(delivery);
    }

    @Test
    void largeDeliveriesMakeSmallerBundlesSoTenFitOneSendMessageBatch() {
        // Two bytes per character in UTF-8: the limit is on bytes, as SQS counts them.
        String big = "{\"data\":\"" + "é".repeat(3_000) + "\"}";
        List<Delivery> deliveries = deliveries(10, big);

        List<DeliveryBundle> bundles = DeliveryBundle.pack(deliveries);

        assertThat(bundles).hasSizeGreaterThan(1);
        assertThat(bundles).allSatisfy(b -> {
            int actual = b.body().getBytes(StandardCharsets.UTF_8).length;
            assertThat(actual).isLessThanOrEqualTo(DeliveryBundle.MAX_BODY_BYTES);
            assertThat(b.bytes()).isGreaterThanOrEqualTo(actual);
        });
        assertThat(bundles.stream().mapToInt(b -> b.deliveries().size()).sum()).isEqualTo(10);
    }

    @Test
    void aDeliveryLargerThanABundleTravelsAlone() {
        List<Delivery> deliveries = deliveries(2, "{\"data\":\"" + "x".repeat(30_000) + "\"}");

        assertThat(DeliveryBundle.pack(deliveries)).extracting(b -> b.deliveries().size()).containsExactly(1, 1);
    }

    @Test
    void aBodyThatIsNeitherShapeIsRefused() {
        assertThatThrownBy(() -> DeliveryBundle.read("{not json")).isInstanceOf(RuntimeException.class);
        assertThatThrownBy(() -> DeliveryBundle.read("{\"Deliveries\":[]}")).isInstanceOf(IllegalArgumentException.class);
    }

    private static List<Delivery> deliveries(int count, String body) {
        return IntStream.range(0, count).mapToObj(i -> new Delivery("app", "req", i,
                DeliveryTarget.address("token-" + i, ChannelType.APNS), "trace",
                new RenderedPush(ChannelType.APNS, "token-" + i, body, Map.of("apns-push-type", "alert"), null),
                "2026-12-04T10:00:00Z")).toList();
    }
}
