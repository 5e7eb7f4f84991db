package io.pinpush.segments;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The answer of the GetSegmentSize extension: {@code {"SegmentSize": {...}}}. Total counts every endpoint of the
 * app that was evaluated, so Total = Sendable + the sum of Excluded; Members are those meeting the criteria.
 */
public record SegmentSize(String applicationId, String segmentId, Integer version, long total, long members,
                          long sendable, Map<String, Long> excluded) {

    static SegmentSize of(SegmentResponse segment, EvaluationCounts counts) {
        Map<String, Long> excluded = new LinkedHashMap<>();
        counts.excluded().entrySet().stream().sorted(Map.Entry.comparingByKey())
                .forEach(e -> excluded.put(e.getKey().name(), e.getValue()));
        return new SegmentSize(segment.applicationId(), segment.id(), segment.version(), counts.total(),
                counts.members(), counts.sendable(), excluded);
    }

    /** The response body. */
    public record Response(SegmentSize segmentSize) {
    }
}
