package io.pinpush.segments;

import java.util.List;

/** Pinpoint's SegmentGroupList. */
public record SegmentGroupList(List<SegmentGroup> groups, Quantifier include) {

    public SegmentGroupList {
        groups = groups == null ? null : List.copyOf(groups);
    }
}
