package io.pinpush.segments;

import java.util.List;

/** Pinpoint's SegmentGroup: base segments combined by SourceType, then dimensions combined by Type. */
public record SegmentGroup(List<SegmentDimensions> dimensions, List<SegmentReference> sourceSegments,
                           Quantifier sourceType, Quantifier type) {

    public SegmentGroup {
        dimensions = dimensions == null ? null : List.copyOf(dimensions);
        sourceSegments = sourceSegments == null ? null : List.copyOf(sourceSegments);
    }
}
