package io.pinpush.segments;

import java.util.Map;

/**
 * The outcome of one pass over an app's endpoints: {@code total} endpoints read, {@code sendable} handed to the
 * consumer, and the others by {@link ExclusionReason}. {@code total == sendable + sum(excluded)}.
 */
public record EvaluationCounts(long total, long sendable, Map<ExclusionReason, Long> excluded) {

    public EvaluationCounts {
        excluded = Map.copyOf(excluded);
    }

    /** Endpoints that meet the segment's criteria, sendable or not. */
    public long members() {
        return total - excluded.getOrDefault(ExclusionReason.FILTERED_OUT_BY_SEGMENT, 0L);
    }
}
