package io.pinpush.segments;

import java.util.List;

/** One page of GetSegments or GetSegmentVersions. */
public record SegmentsResponse(List<SegmentResponse> item, String nextToken) {
}
