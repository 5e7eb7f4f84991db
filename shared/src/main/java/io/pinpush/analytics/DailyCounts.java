package io.pinpush.analytics;

import io.pinpush.messaging.DeliveryStatus;
import java.util.Map;

/** One app's delivery outcomes of one UTC day, by status. */
public record DailyCounts(String date, Map<DeliveryStatus, Long> byStatus) {

    public long total() {
        return byStatus.values().stream().mapToLong(Long::longValue).sum();
    }

    public long of(DeliveryStatus status) {
        return byStatus.getOrDefault(status, 0L);
    }
}
