package io.pinpush.segments;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pinpush.api.ApiError;
import io.pinpush.api.Tags;
import java.util.Map;

/** The payload of CreateSegment and UpdateSegment. */
public record WriteSegmentRequest(SegmentDimensions dimensions, String name, SegmentGroupList segmentGroups,
                                  @JsonProperty("tags") Map<String, String> tags) {

    public static final int MAX_NAME_LENGTH = 64;

    public WriteSegmentRequest {
        if (name != null && name.length() > MAX_NAME_LENGTH) {
            throw ApiError.badRequest("Name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        if (dimensions != null && segmentGroups != null) {
            throw ApiError.badRequest("A segment has Dimensions or SegmentGroups, not both");
        }
        tags = Tags.validated(tags);
    }
}
