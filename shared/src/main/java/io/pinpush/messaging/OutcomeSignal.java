package io.pinpush.messaging;

import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Hands a waiting send its outcomes as soon as the dispatcher <em>in the same process</em> has recorded the last of
 * them, instead of at the send's next poll (up to 10 ms later, then up to 100 ms) and a read after it.
 *
 * <p>Only the local server runs the send path and the dispatcher in one JVM. In AWS they are separate functions, so
 * nothing is ever heard there and a send polls the delivery record exactly as without this. As a
 * {@link DeliveryListener} it hears only outcomes that are recorded (the dispatcher tells its listeners after its
 * conditional write succeeded, never for one another attempt wrote first), so the outcomes it hands over are the
 * ones a read of the delivery record would return. A signal that never comes costs nothing but the normal poll.
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
            waiter.recorded(outcome);
        }
    }

    /** One send's wait for its outcomes. */
    public final class Waiter implements AutoCloseable {

        private final String requestId;
        private final Set<Integer> missing = ConcurrentHashMap.newKeySet();
        private final Map<Integer, DeliveryOutcome> heard = new ConcurrentHashMap<>();
        private final CountDownLatch allRecorded = new CountDownLatch(1);
        private Waiter(String requestId, Collection<Integer> indices) {
            this.requestId = requestId;
            missing.addAll(indices);
            if (missing.isEmpty()) {
                allRecorded.countDown();
            }
        }

        /** {@code outcome} is recorded (by the dispatcher, or by the send itself). */
        void recorded(DeliveryOutcome outcome) {
            int index = outcome.index();
            if (missing.contains(index)) {
                heard.put(index, outcome); // before the count down, which publishes it to the waiting thread
                if (missing.remove(index) && missing.isEmpty()) {
                    allRecorded.countDown();
                }
            }
        }

        /** Every expected outcome, once all have been heard recorded; empty until then. */
        public Optional<List<DeliveryOutcome>> allHeard() {
            return allRecorded.getCount() == 0 ? Optional.of(List.copyOf(heard.values())) : Optional.empty();
        }

        /**
         * Sleeps up to {@code millis}, waking early once every expected outcome has been heard (the send then answers
         * with {@link #allHeard} and pauses no more).
         */
        public void pause(long millis) throws InterruptedException {
            allRecorded.await(millis, TimeUnit.MILLISECONDS);
        }

        @Override
        public void close() {
            waiting.remove(requestId, this);
        }
    }
}
