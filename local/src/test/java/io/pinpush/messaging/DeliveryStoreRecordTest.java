package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.channels.ChannelType;
import io.pinpush.messaging.DeliveryStore.Recorded;
import java.util.List;
import java.util.UUID;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The dispatcher's idempotency record, written many at a time, against DynamoDB Local. */
class DeliveryStoreRecordTest {

    private static MessagingHarness harness;

    @BeforeAll
    static void start() {
        harness = new MessagingHarness();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void manyOutcomesAreRecordedInBatchesAndAnOutcomeAlreadyRecordedIsKept() {
        String requestId = UUID.randomUUID().toString();
        List<DeliveryOutcome> outcomes = IntStream.range(0, 30)
                .mapToObj(i -> outcome(requestId, i, MessageResult.QUEUED.withStatusMessage("attempt 2"))).toList();
        DeliveryOutcome first = outcome(requestId, 26, MessageResult.QUEUED.withStatusMessage("attempt 1"));
        assertThat(harness.store.recordFirsts(List.of(first))).containsExactly(Recorded.WRITTEN);

        List<Recorded> answers = harness.store.recordFirsts(outcomes);

        assertThat(answers).hasSize(30);
        assertThat(answers.get(26)).isEqualTo(Recorded.ALREADY);
        assertThat(answers.stream().filter(a -> a == Recorded.WRITTEN)).hasSize(29);
        List<DeliveryOutcome> stored = harness.store.outcomes(requestId);
        assertThat(stored).hasSize(30);
        assertThat(stored.get(26)).isEqualTo(first);
        assertThat(stored.get(25)).isEqualTo(outcomes.get(25));
        assertThat(harness.store.recorded(outcomes.stream().map(o -> delivery(requestId, o.index())).toList()))
                .hasSize(30);
        assertThat(harness.store.recordFirsts(outcomes.subList(0, 3))).containsOnly(Recorded.ALREADY);
    }

    private static DeliveryOutcome outcome(String requestId, int index, MessageResult result) {
        return delivery(requestId, index).outcome(result, 1, "2026-12-05T00:00:00Z");
    }

    private static Delivery delivery(String requestId, int index) {
        return new Delivery("app", requestId, index, DeliveryTarget.address("token-" + index, ChannelType.APNS), null,
                new io.pinpush.providers.RenderedPush(ChannelType.APNS, "token-" + index, "{}", java.util.Map.of(), null),
                "2026-12-05T00:00:00Z");
    }
}
