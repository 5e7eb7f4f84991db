package io.pinpush.templates;

import java.util.List;

/** One page of ListTemplates. */
public record TemplatesResponse(List<TemplateResponse> item, String nextToken) {
}
