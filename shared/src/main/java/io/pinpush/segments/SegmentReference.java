package io.pinpush.segments;

import io.pinpush.api.ApiError;

/** Pinpoint's SegmentReference: a base segment, at a fixed version or (without one) its latest. */
public record SegmentReference(String id, Integer version) {

    public SegmentReference {
        if (id == null || id.isBlank()) throw ApiError.badRequest("SourceSegments[].Id is required");
        if (version != null && version < 1) throw ApiError.badRequest("SourceSegments[].Version must be 1 or more");
    }
}
