package io.pinpush.templates;

import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/** The payload of GetPushTemplate: one version's content with the template's ARN and tags. */
public record PushNotificationTemplateResponse(
        @JsonProperty("ADM") AndroidPushNotificationTemplate adm,
        @JsonProperty("APNS") APNSPushNotificationTemplate apns,
        String arn,
        AndroidPushNotificationTemplate baidu,
        String creationDate,
        @JsonProperty("Default") DefaultPushNotificationTemplate defaultTemplate,
        String defaultSubstitutions,
        @JsonProperty("GCM") AndroidPushNotificationTemplate gcm,
        String lastModifiedDate,
        String recommenderId,
        @JsonProperty("tags") Map<String, String> tags,
        String templateDescription,
        String templateName,
        TemplateType templateType,
        String version) {

    static PushNotificationTemplateResponse of(PushTemplate template, String arn, Map<String, String> tags) {
        return new PushNotificationTemplateResponse(template.adm(), template.apns(), arn, template.baidu(),
                template.creationDate(), template.defaultTemplate(), template.defaultSubstitutions(), template.gcm(),
                template.lastModifiedDate(), template.recommenderId(), tags, template.templateDescription(),
                template.name(), TemplateType.PUSH, Integer.toString(template.version()));
    }
}
