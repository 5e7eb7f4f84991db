package io.pinpush.analytics;

import io.pinpush.messaging.DeliveryStatus;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outcomes counted in memory between flushes, by key ({@code K}) and status, with the recipient markers ({@code M})
 * they leave: what the app's and the campaigns' KPI counters gather during an invocation and write at its end.
 *
 * <p>Counting takes this tally's own lock only. One flush writes at a time: a flush that returns has written what it
 * took and what a flush running alongside took (the dispatcher also flushes from a settle thread when a late answer is
 * recorded, and Lambda may freeze the process once an invocation returns). What a flush cannot write is kept for the
 * next one.
 */
final class StatusTally<K, M> {

    private static final Logger LOG = LoggerFactory.getLogger(StatusTally.class);

    private final Object writing = new Object();
    private final String what;
    private Map<K, Map<DeliveryStatus, Long>> counts = new HashMap<>();
    private Set<M> markers = new HashSet<>();

    /** @param what the counters' name in the warnings a failed write logs ("KPI counters", ...) */
    StatusTally(String what) {
        this.what = what;
    }

    synchronized void count(K key, DeliveryStatus status, M marker) {
        counts.computeIfAbsent(key, k -> new EnumMap<>(DeliveryStatus.class)).merge(status, 1L, Long::sum);
        markers.add(marker);
    }

    /**
     * Writes what was counted since the last flush: {@code addCounts} once per key, then {@code writeMarkers} once
     * with every marker; {@code describe} names a key in a warning.
     */
    void flush(BiConsumer<K, Map<DeliveryStatus, Long>> addCounts, Consumer<Set<M>> writeMarkers,
               Function<K, String> describe) {
        synchronized (writing) {
            Map<K, Map<DeliveryStatus, Long>> tallied;
            Set<M> seen;
            synchronized (this) {
                tallied = counts;
                seen = markers;
                counts = new HashMap<>();
                markers = new HashSet<>();
            }
            tallied.forEach((key, byStatus) -> {
                try {
                    addCounts.accept(key, byStatus);
                } catch (RuntimeException e) {
                    LOG.warn("Could not add {} to the {} of {}; adding them with the next flush", byStatus, what,
                            describe.apply(key), e);
                    keep(key, byStatus);
                }
            });
            if (!seen.isEmpty()) {
                try {
                    writeMarkers.accept(seen);
                } catch (RuntimeException e) {
                    LOG.warn("Could not write {} recipient markers of the {}; writing them with the next flush",
                            seen.size(), what, e);
                    synchronized (this) {
                        markers.addAll(seen);
                    }
                }
            }
        }
    }

    private synchronized void keep(K key, Map<DeliveryStatus, Long> byStatus) {
        Map<DeliveryStatus, Long> pending = counts.computeIfAbsent(key, k -> new EnumMap<>(DeliveryStatus.class));
        byStatus.forEach((status, count) -> pending.merge(status, count, Long::sum));
    }
}
