package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class CoalescedRunTest {

    @Test
    void requestsMadeDuringARunAreServedByOneMoreRun() throws Exception {
        AtomicInteger runs = new AtomicInteger();
        CountDownLatch firstRunStarted = new CountDownLatch(1);
        CountDownLatch release = new CountDownLatch(1);
        CoalescedRun run = new CoalescedRun("test", () -> {
            if (runs.incrementAndGet() == 1) {
                firstRunStarted.countDown();
                await(release);
            }
        });
        Thread first = new Thread(run::request);
        first.start();
        await(firstRunStarted);

        for (int i = 0; i < 5; i++) {
            run.request(); // returns at once: the run under way runs again for these
        }
        assertThat(runs).hasValue(1);
        release.countDown();
        first.join(10_000);

        assertThat(runs).as("one run for the first request, one for the five made during it").hasValue(2);
        run.request();
        assertThat(runs).hasValue(3);
    }

    @Test
    void aFailedRunIsLoggedAndTheNextRequestRunsAgain() {
        AtomicInteger runs = new AtomicInteger();
        CoalescedRun run = new CoalescedRun("test", () -> {
            if (runs.incrementAndGet() == 1) {
                throw new IllegalStateException("DynamoDB is unreachable (test)");
            }
        });

        run.request();
        run.request();

        assertThat(runs).hasValue(2);
    }

    private static void await(CountDownLatch latch) {
        try {
            assertThat(latch.await(10, TimeUnit.SECONDS)).isTrue();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
