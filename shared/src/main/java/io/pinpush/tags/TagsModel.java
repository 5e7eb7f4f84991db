package io.pinpush.tags;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pinpush.api.ApiError;
import java.util.Map;

/** TagResource's payload and ListTagsForResource's answer: {@code {"tags": {...}}}. */
public record TagsModel(@JsonProperty("tags") Map<String, String> tags) {

    /** The payload of TagResource: at least one tag (the limits are checked against the merged result). */
    static TagsModel requireTags(TagsModel model) {
        if (model == null || model.tags() == null || model.tags().isEmpty()) {
            throw ApiError.badRequest("tags is required and must name at least one tag");
        }
        return model;
    }
}
