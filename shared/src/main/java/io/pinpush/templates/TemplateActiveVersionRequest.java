package io.pinpush.templates;

import io.pinpush.api.ApiError;

/** The payload of UpdateTemplateActiveVersion: a version number, or "latest". */
public record TemplateActiveVersionRequest(String version) {

    public TemplateActiveVersionRequest {
        if (version == null || version.isBlank()) {
            throw ApiError.badRequest("Version is required: a version number, or latest");
        }
    }
}
