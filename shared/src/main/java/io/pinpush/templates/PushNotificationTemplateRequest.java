package io.pinpush.templates;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pinpush.api.Tags;
import java.util.Map;

/**
 * The payload of CreatePushTemplate and UpdatePushTemplate. Checks what it can on its own (part sizes, the
 * DefaultSubstitutions JSON, tags); whether the parts are valid Handlebars is checked by {@link TemplateEngine}.
 *
 * @param tags read on create only: Pinpoint has ignored tags on template updates since May 2023
 */
public record PushNotificationTemplateRequest(
        @JsonProperty("ADM") AndroidPushNotificationTemplate adm,
        @JsonProperty("APNS") APNSPushNotificationTemplate apns,
        AndroidPushNotificationTemplate baidu,
        @JsonProperty("Default") DefaultPushNotificationTemplate defaultTemplate,
        String defaultSubstitutions,
        @JsonProperty("GCM") AndroidPushNotificationTemplate gcm,
        String recommenderId,
        @JsonProperty("tags") Map<String, String> tags,
        String templateDescription) {

    public PushNotificationTemplateRequest {
        tags = Tags.validated(tags);
        TemplateParts.checkSizes(TemplateParts.sections(adm, apns, baidu, defaultTemplate, gcm));
        MessageVariables.parseDefaultSubstitutions(defaultSubstitutions);
    }
}
