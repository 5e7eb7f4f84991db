package io.pinpush;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class InvocationFlushTest {

    @Test
    void theWritesRunSideBySide() {
        // Each write waits for the other two to start: one after another, the first would time out.
        CyclicBarrier allStarted = new CyclicBarrier(3);
        Runnable write = () -> {
            try {
                allStarted.await(10, TimeUnit.SECONDS);
            } catch (Exception e) {
                throw new IllegalStateException("the writes did not run side by side", e);
            }
        };
        try (InvocationFlush flush = new InvocationFlush(List.of(write, write, write))) {
            flush.run();
            allStarted.reset();
            flush.run(); // and again, on the same threads
        }
    }

    @Test
    void everyWriteIsAttemptedAndTheFirstFailureCarriesTheOthers() {
        RuntimeException events = new IllegalStateException("events");
        RuntimeException counters = new IllegalStateException("counters");
        AtomicBoolean metricsWritten = new AtomicBoolean();
        try (InvocationFlush flush = new InvocationFlush(List.of(
                () -> { throw events; }, () -> metricsWritten.set(true), () -> { throw counters; }))) {
            assertThatThrownBy(flush::run).isSameAs(events).satisfies(thrown ->
                    assertThat(thrown.getSuppressed()).containsExactly(counters));
            assertThat(metricsWritten).isTrue();
        }
    }

    @Test
    void aFailureOnAnotherThreadIsThrownAsItself() {
        RuntimeException counters = new IllegalStateException("counters");
        try (InvocationFlush flush = new InvocationFlush(List.of(() -> { }, () -> { throw counters; }))) {
            assertThatThrownBy(flush::run).isSameAs(counters);
        }
    }

    @Test
    void onceClosedTheWritesStillRunOnTheCallersThread() {
        List<String> threads = new java.util.concurrent.CopyOnWriteArrayList<>();
        Runnable write = () -> threads.add(Thread.currentThread().getName());
        InvocationFlush flush = new InvocationFlush(List.of(write, write));
        flush.close();

        flush.run();

        assertThat(threads).containsOnly(Thread.currentThread().getName()).hasSize(2);
    }
}
