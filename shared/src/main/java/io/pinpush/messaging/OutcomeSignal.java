package io.pinpush.messaging;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Ends a waiting send's pause as soon as the dispatcher <em>in the same process</em> has recorded the last of the
 * send's outcomes, instead of at the send's next poll (up to 10 ms later, then up to 100 ms).
 *
 * <p>Only the local server runs the send path and the dispatcher in one JVM. In AWS they are separate functions, so
 * nothing is ever signalled there and a send polls the delivery record exactly as without this. Polling stays the
 * contract either way: a woken send still reads the outcomes from the store, and a signal that never comes costs
 * nothing but the normal poll. As a {@link DeliveryListener} it hears outcomes after they are recorded.
 */
public final class OutcomeSignal implements DeliveryListener {

    private final Map<String, Waiter> waiting = new ConcurrentHashMap<>();

    /** Starts listening for the outcomes of {@code indices} of request {@code requestId}; close it when done. */
    public Waiter expect(String requestId, Collection<Integer> indices) {
        Waiter waiter = new Waiter(requestId, indices);
        waiting.put(requestId, waiter);
        return waiter;
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        Waiter waiter = waiting.get(outcome.requestId());
        if (waiter != null) {
            waiter.recorded(outcome.index());
        }
    }

    /** One send's wait for its outcomes. */
    public final class Waiter implements AutoCloseable {

        private final String requestId;
        private final Set<Integer> missing = ConcurrentHashMap.newKeySet();
        private final CountDownLatch allRecorded = new CountDownLatch(1);
        private boolean spent;

        private Waiter(String requestId, Collection<Integer> indices) {
            this.requestId = requestId;
            missing.addAll(indices);
            if (missing.isEmpty()) {
                allRecorded.countDown();
            }
        }

        /** The outcome of {@code index} is recorded (by the dispatcher, or by the send itself). */
        void recorded(int index) {
            if (missing.remove(index) && missing.isEmpty()) {
                allRecorded.countDown();
            }
        }

        /**
         * Sleeps up to {@code millis}, waking early the first time every expected outcome has been signalled. Only
         * once: should the read that follows still miss an outcome, the send falls back to its plain poll schedule
         * rather than reading in a tight loop.
         */
        public void pause(long millis) throws InterruptedException {
            if (spent) {
                Thread.sleep(millis);
            } else {
                spent = allRecorded.await(millis, TimeUnit.MILLISECONDS);
            }
        }

        @Override
        public void close() {
            waiting.remove(requestId, this);
        }
    }
}
