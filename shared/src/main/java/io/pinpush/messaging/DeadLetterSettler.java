package io.pinpush.messaging;

import io.pinpush.api.Timestamps;
import io.pinpush.messaging.Dispatcher.QueuedMessage;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Gives the deliveries that reached the dead-letter queue their one terminal outcome. A delivery gets there when its
 * last receive ended with nothing recorded: its push unanswered by the function's deadline, its outcome write
 * refused, the dispatcher stopped (timeout, crash, deploy). Without this, such a delivery would have no outcome at
 * all: its sender would see it QUEUED for good, and no event, metric or campaign activity would count it.
 *
 * <ul>
 *   <li>A delivery with no outcome recorded gets {@link #NO_OUTCOME} (UNKNOWN_FAILURE), written the dispatcher's
 *       conditional way: an outcome the dispatcher records after all (a late answer) and this one exclude each
 *       other, and only the writer that wins tells the listener (event, metrics, KPIs, campaign activity).</li>
 *   <li>A delivery whose outcome is recorded (a bundle's settled members) is left as it is, untold again.</li>
 *   <li>Nothing is pushed: the notification may have reached the device already, and a dead-lettered message has
 *       used up the receives the deployment allows it.</li>
 *   <li>A message that is not a delivery (poison) is moved to the poison queue ({@link PoisonQueue}), where it waits
 *       for a person; without one (or if it refuses the message) it stays on the dead-letter queue.</li>
 * </ul>
 *
 * <p>The dead-letter queue has no redrive policy: a delivery whose outcome cannot be written now comes back after the
 * queue's visibility timeout, for as long as the queue keeps it, rather than being passed on unsettled.
 */
public final class DeadLetterSettler {

    private static final Logger LOG = LoggerFactory.getLogger(DeadLetterSettler.class);

    /** What a dead-lettered delivery is recorded with. Its attempts are 0: how many pushes it had is not known. */
    public static final MessageResult NO_OUTCOME = MessageResult.of(DeliveryStatus.UNKNOWN_FAILURE, 500,
            "No outcome by the delivery queue's last receive (provider unanswered, outcome not written, or the "
                    + "dispatcher stopped); the notification may have been delivered");

    private final DeliveryStore store;
    private final DeliveryListener listener;
    private final Optional<PoisonQueue> poison;
    private final Clock clock;

    public DeadLetterSettler(DeliveryStore store, DeliveryListener listener, Optional<PoisonQueue> poison, Clock clock) {
        this.store = store;
        this.listener = new SafeListener(listener);
        this.poison = poison;
        this.clock = clock;
    }

    /**
     * Records an outcome for each delivery of {@code messages} that has none.
     *
     * @return the ids of the messages to leave on the dead-letter queue: poison messages the poison queue did not
     *         take, and those with an outcome that could not be written now (they come back after the queue's
     *         visibility timeout)
     */
    public List<String> settle(List<QueuedMessage> messages) {
        List<QueuedMessage> poisoned = new ArrayList<>();
        // By delivery id: a delivery in two messages is settled once (the message kept is the one left if it fails).
        Map<String, Pending> deliveries = new LinkedHashMap<>();
        for (QueuedMessage message : messages) {
            List<Delivery> inMessage = Dispatcher.deliveriesIn(message);
            if (inMessage == null) {
                poisoned.add(message);
            } else {
                inMessage.forEach(delivery -> deliveries.put(delivery.deliveryId(), new Pending(delivery, message)));
            }
        }
        List<String> left = new ArrayList<>(poison.map(queue -> queue.keep(poisoned))
                .orElseGet(() -> poisoned.stream().map(QueuedMessage::messageId).toList()));
        if (deliveries.isEmpty()) {
            return left;
        }

        Set<String> recorded = store.recorded(deliveries.values().stream().map(Pending::delivery).toList());
        String now = Timestamps.now(clock);
        List<Pending> unsettled = deliveries.values().stream()
                .filter(pending -> !recorded.contains(pending.delivery().deliveryId())).toList();
        List<DeliveryOutcome> outcomes = unsettled.stream()
                .map(pending -> pending.delivery().outcome(NO_OUTCOME, 0, now)).toList();

        List<DeliveryStore.Recorded> answers = store.recordFirsts(outcomes);
        Set<String> unwritten = new LinkedHashSet<>();
        for (int i = 0; i < outcomes.size(); i++) {
            DeliveryOutcome outcome = outcomes.get(i);
            switch (answers.get(i)) {
                case WRITTEN -> {
                    LOG.warn("Delivery {} reached the dead-letter queue without an outcome; recorded {}",
                            outcome.deliveryId(), NO_OUTCOME.deliveryStatus());
                    listener.onOutcome(outcome);
                }
                case ALREADY -> LOG.info("Delivery {} was recorded meanwhile; keeping that outcome", outcome.deliveryId());
                case FAILED -> unwritten.add(unsettled.get(i).message().messageId());
            }
        }
        left.addAll(unwritten);
        return left;
    }

    /** A dead-lettered delivery and the message that carries it. */
    private record Pending(Delivery delivery, QueuedMessage message) {
    }
}
