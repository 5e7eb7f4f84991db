package io.pinpush.events;

import java.time.Duration;
import java.util.List;

/**
 * Where records go that their destination would not take even after retries, to be written later by the
 * {@link SpillReplayer}. An implementation never throws: when it cannot keep records either, it logs each one
 * whole, so no event disappears without a trace.
 */
public interface EventSpill {

    /** Keeps the records for a later replay; {@code delay} holds them back that long before a replay sees them. */
    void spill(Destination destination, List<StreamRecord> records, Duration delay);

    default void spill(Destination destination, List<StreamRecord> records) {
        spill(destination, records, Duration.ZERO);
    }
}
