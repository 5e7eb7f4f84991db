package io.pinpush.templates;

/**
 * One item of ListTemplates. As in Pinpoint, the ARN, description, default substitutions and tags are left out
 * (GetPushTemplate returns them).
 *
 * @param version the active version
 */
public record TemplateResponse(String creationDate, String lastModifiedDate, String templateName,
                               TemplateType templateType, String version) {
}
