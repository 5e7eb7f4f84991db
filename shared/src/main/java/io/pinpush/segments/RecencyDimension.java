package io.pinpush.segments;

import io.pinpush.api.ApiError;
import java.time.Duration;
import java.time.Instant;

/**
 * Pinpoint's RecencyDimension: ACTIVE endpoints were active (EffectiveDate) within the duration before now,
 * INACTIVE ones were not (or never reported).
 */
public record RecencyDimension(Window duration, RecencyType recencyType) {

    public enum Window {
        HR_24(Duration.ofHours(24)), DAY_7(Duration.ofDays(7)), DAY_14(Duration.ofDays(14)), DAY_30(Duration.ofDays(30));

        private final Duration length;

        Window(Duration length) {
            this.length = length;
        }
    }

    public enum RecencyType { ACTIVE, INACTIVE }

    public RecencyDimension {
        if (duration == null) throw ApiError.badRequest("Recency.Duration is required");
        if (recencyType == null) throw ApiError.badRequest("Recency.RecencyType is required");
    }

    boolean test(String effectiveDate, Instant now) {
        boolean recent = IsoDates.tryParse(effectiveDate)
                .map(date -> !date.isBefore(now.minus(duration.length)))
                .orElse(false);
        return recencyType == RecencyType.ACTIVE ? recent : !recent;
    }
}
