package io.pinpush.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.Collections;
import java.util.List;

/**
 * Decides, just before the dispatcher pushes, whether each delivery of a batch may leave for its provider now:
 * where campaign Limits that depend on when a message goes out (MessagesPerSecond, MaximumDuration) are applied.
 * Direct sends pass untouched.
 */
@FunctionalInterface
public interface DeliveryGate {

    /** What happens to one delivery. */
    sealed interface Decision {
    }

    /** Push it now. */
    record Send() implements Decision {
    }

    /** Not now: back on the queue, to be tried again after {@code delay}. Not an attempt, and not a failure. */
    record Defer(Duration delay) implements Decision {
    }

    /** Never: it ends with {@code result} (recorded and streamed like any outcome) without a provider call. */
    record Drop(MessageResult result) implements Decision {
    }

    Decision SEND = new Send();

    /** Every delivery goes now. */
    DeliveryGate OPEN = (deliveries, now) -> Collections.nCopies(deliveries.size(), SEND);

    /** One decision per delivery, in the order given. */
    List<Decision> decide(List<Delivery> deliveries, Instant now);
}
