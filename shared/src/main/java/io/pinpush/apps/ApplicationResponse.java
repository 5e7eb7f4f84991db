package io.pinpush.apps;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** An app as Pinpoint returns it. */
public record ApplicationResponse(String arn, String id, String name,
                                  @JsonProperty("tags") Map<String, String> tags, String creationDate) {
}
