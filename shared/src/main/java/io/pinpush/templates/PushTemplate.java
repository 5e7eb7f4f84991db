package io.pinpush.templates;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.Map;

/**
 * One version of a push template, as stored and as a send uses it. Versions are snapshots: a send that resolved
 * version 3 renders version 3's parts even if version 4 becomes active meanwhile.
 *
 * @param version          1, 2, 3, ... in creation order; numbers are never reused
 * @param creationDate     when this version was created
 * @param lastModifiedDate when this version was last overwritten (UpdatePushTemplate without create-new-version)
 */
public record PushTemplate(
        String name,
        int version,
        @JsonProperty("ADM") AndroidPushNotificationTemplate adm,
        @JsonProperty("APNS") APNSPushNotificationTemplate apns,
        AndroidPushNotificationTemplate baidu,
        @JsonProperty("Default") DefaultPushNotificationTemplate defaultTemplate,
        @JsonProperty("GCM") AndroidPushNotificationTemplate gcm,
        String defaultSubstitutions,
        String templateDescription,
        String recommenderId,
        String creationDate,
        String lastModifiedDate) {

    static PushTemplate of(String name, int version, PushNotificationTemplateRequest request, String creationDate,
                           String lastModifiedDate) {
        return new PushTemplate(name, version, request.adm(), request.apns(), request.baidu(), request.defaultTemplate(),
                request.gcm(), request.defaultSubstitutions(), request.templateDescription(), request.recommenderId(),
                creationDate, lastModifiedDate);
    }

    /** Section name ("ADM", "APNS", "Baidu", "Default", "GCM") to its text parts. */
    @JsonIgnore
    Map<String, Map<String, String>> sections() {
        return TemplateParts.sections(adm, apns, baidu, defaultTemplate, gcm);
    }
}
