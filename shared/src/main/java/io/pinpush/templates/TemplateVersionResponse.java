package io.pinpush.templates;

/** One item of ListTemplateVersions. TemplateType is a plain string in Pinpoint's model. */
public record TemplateVersionResponse(String creationDate, String defaultSubstitutions, String lastModifiedDate,
                                      String templateDescription, String templateName, String templateType,
                                      String version) {

    static TemplateVersionResponse of(PushTemplate template) {
        return new TemplateVersionResponse(template.creationDate(), template.defaultSubstitutions(),
                template.lastModifiedDate(), template.templateDescription(), template.name(), TemplateType.PUSH.name(),
                Integer.toString(template.version()));
    }
}
