package io.pinpush.templates;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;

/** One page of ListTemplateVersions, newest version first. */
public record TemplateVersionsResponse(List<TemplateVersionResponse> item, String message, String nextToken,
                                       @JsonProperty("RequestID") String requestId) {
}
