package io.pinpush.segments;

/** Pinpoint's SegmentBehaviors. */
public record SegmentBehaviors(RecencyDimension recency) {
}
