package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.channels.ChannelType;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * The in-process wake-up of a waiting send. A pause that should end at once is given an hour: if the signal did not
 * end it, the test's timeout fails it. A pause that must run its course is given a few milliseconds and must last them.
 */
@Timeout(value = 30, unit = TimeUnit.SECONDS)
class OutcomeSignalTest {

    private static final long AN_HOUR = TimeUnit.HOURS.toMillis(1);

    private final OutcomeSignal signal = new OutcomeSignal();

    @Test
    void pauseEndsOnceEveryExpectedOutcomeIsRecorded() throws InterruptedException {
        try (OutcomeSignal.Waiter waiter = signal.expect("r-1", List.of(0, 1))) {
            signal.onOutcome(outcome("r-1", 1));
            signal.onOutcome(outcome("r-1", 0));

            waiter.pause(AN_HOUR);
        }
    }

    @Test
    void aSignalFromAnotherThreadEndsAPauseInProgress() throws Exception {
        try (OutcomeSignal.Waiter waiter = signal.expect("r-1", List.of(0))) {
            Thread dispatcher = new Thread(() -> signal.onOutcome(outcome("r-1", 0)));
            dispatcher.start();

            waiter.pause(AN_HOUR);
            dispatcher.join();
        }
    }

    @Test
    void someOutcomesOrAnotherRequestsDoNotEndThePause() throws InterruptedException {
        try (OutcomeSignal.Waiter waiter = signal.expect("r-1", List.of(0, 1))) {
            signal.onOutcome(outcome("r-1", 0));
            signal.onOutcome(outcome("r-2", 1));

            assertThat(pauseMillis(waiter, 50)).isGreaterThanOrEqualTo(50);
        }
    }

    @Test
    void outcomesTheSendRecordedItselfCount() throws InterruptedException {
        try (OutcomeSignal.Waiter waiter = signal.expect("r-1", List.of(0, 1))) {
            signal.onOutcome(outcome("r-1", 0));
            waiter.recorded(outcome("r-1", 1)); // could not be queued: failed by the send itself

            waiter.pause(AN_HOUR);
        }
    }

    @Test
    void theOutcomesHeardAreHandedOverOnlyOnceAllExpectedOnesAre() {
        try (OutcomeSignal.Waiter waiter = signal.expect("r-1", List.of(0, 1))) {
            signal.onOutcome(outcome("r-1", 0));
            signal.onOutcome(outcome("r-1", 7)); // not one this send waits for
            assertThat(waiter.allHeard()).isEmpty();

            signal.onOutcome(outcome("r-1", 1));
            assertThat(waiter.allHeard()).hasValueSatisfying(outcomes -> assertThat(outcomes)
                    .extracting(DeliveryOutcome::index).containsExactlyInAnyOrder(0, 1));
        }
    }

    @Test
    void aClosedWaiterHearsNothingAndANewOneForTheSameRequestStartsAfresh() throws InterruptedException {
        signal.expect("r-1", List.of(0)).close();
        signal.onOutcome(outcome("r-1", 0)); // nobody listening: dropped

        try (OutcomeSignal.Waiter waiter = signal.expect("r-1", List.of(0))) {
            assertThat(pauseMillis(waiter, 50)).isGreaterThanOrEqualTo(50);
        }
    }

    private static long pauseMillis(OutcomeSignal.Waiter waiter, long millis) throws InterruptedException {
        long start = System.nanoTime();
        waiter.pause(millis);
        return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);
    }

    private static DeliveryOutcome outcome(String requestId, int index) {
        return new DeliveryOutcome("app", requestId, index, DeliveryTarget.address("token-" + index, ChannelType.APNS),
                null, MessageResult.of(DeliveryStatus.SUCCESSFUL, 200, "OK"), 1, "2026-12-04T00:00:00Z");
    }
}
