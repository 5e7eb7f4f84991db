package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.providers.RenderedPush;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class DeliveryTest {

    private static Delivery delivery(Map<String, String> eventAttributes) {
        return new Delivery("app", "request", 0, DeliveryTarget.address("token", ChannelType.APNS), null,
                new RenderedPush(ChannelType.APNS, "token", "{}", Map.of(), null), "2026-12-05T00:00:00Z", null,
                eventAttributes);
    }

    /** A Context value of JSON null is left out, not a NullPointerException (a 500) on the send path. */
    @Test
    void aNullContextValueIsLeftOutOfTheEventAttributes() {
        Map<String, String> context = new HashMap<>(Map.of("table", "7"));
        context.put("empty", null);

        Delivery delivery = delivery(context);

        assertThat(delivery.eventAttributes()).containsExactly(Map.entry("table", "7"));
        assertThat(delivery.outcome(MessageResult.permanentFailure(400, "x"), 0, "2026-12-05T00:00:01Z").eventAttributes())
                .containsExactly(Map.entry("table", "7"));
    }

    /** Sends without attributes queue the same body as before they existed, so older dispatchers still read it. */
    @Test
    void withoutAttributesTheQueuedBodyHasNoMemberForThem() {
        assertThat(delivery(Map.of()).eventAttributes()).isNull();
        assertThat(Json.write(delivery(null))).doesNotContain("EventAttributes");
        assertThat(Json.read(Json.write(delivery(Map.of("table", "7"))), Delivery.class).eventAttributes())
                .containsExactly(Map.entry("table", "7"));
    }
}
