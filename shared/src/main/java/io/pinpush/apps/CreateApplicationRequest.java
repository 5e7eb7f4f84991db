package io.pinpush.apps;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pinpush.api.ApiError;
import io.pinpush.api.Tags;
import java.util.Map;

/** The payload of CreateApp. */
public record CreateApplicationRequest(String name, @JsonProperty("tags") Map<String, String> tags) {

    public static final int MAX_NAME_LENGTH = 256;

    public CreateApplicationRequest {
        if (name == null || name.isBlank()) {
            throw ApiError.badRequest("Name is required");
        }
        if (name.length() > MAX_NAME_LENGTH) {
            throw ApiError.badRequest("Name must be at most " + MAX_NAME_LENGTH + " characters");
        }
        tags = Tags.validated(tags);
    }
}
