package io.pinpush.bench;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/** How the raw clients (and the FCM provider path) are driven: one submitting thread, a bounded number in flight. */
final class InFlightWindow {

    private InFlightWindow() {
    }

    /**
     * Sends 0..n-1 from this thread with at most {@code window} in flight and returns pushes/s; {@code send} answers
     * whether the provider accepted the push, and anything short of all n accepted aborts the benchmark.
     */
    static double run(String contender, int n, int window, IntFunction<CompletableFuture<Boolean>> send)
            throws InterruptedException {
        Semaphore inFlight = new Semaphore(window);
        AtomicInteger accepted = new AtomicInteger();
        long start = System.nanoTime();
        for (int i = 0; i < n; i++) {
            inFlight.acquire();
            send.apply(i).whenComplete((ok, error) -> {
                if (error == null && ok) {
                    accepted.incrementAndGet();
                }
                inFlight.release();
            });
        }
        inFlight.acquire(window);
        long elapsed = System.nanoTime() - start;
        inFlight.release(window);
        if (accepted.get() != n) {
            throw new IllegalStateException(contender + ": only " + accepted.get() + " of " + n + " accepted");
        }
        return n / (elapsed / 1e9);
    }
}
