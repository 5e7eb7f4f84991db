package io.pinpush.templates;

import io.pinpush.api.ApiError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The text members of a push template, grouped by channel section, and Pinpoint's size quota for them.
 *
 * <p>Pinpoint's quotas (developer guide, "Message template quotas") allow 2,000 characters in the Default and
 * APNs parts and 4,000 in the ADM, Baidu and FCM parts. Pinpush applies each limit to every text member of the
 * section on its own, so nothing Pinpoint accepts is refused here.
 */
final class TemplateParts {

    private static final Map<String, Integer> MAX_CHARACTERS = Map.of(
            "ADM", 4_000, "APNS", 2_000, "Baidu", 4_000, "Default", 2_000, "GCM", 4_000);

    private TemplateParts() {
    }

    /** The non-null values of alternating name/value pairs, in order. */
    static Map<String, String> of(String... namesAndValues) {
        Map<String, String> parts = new LinkedHashMap<>();
        for (int i = 0; i < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                parts.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return Collections.unmodifiableMap(parts);
    }

    /** Section name ("ADM", "APNS", "Baidu", "Default", "GCM") to its text parts, for the sections present. */
    static Map<String, Map<String, String>> sections(AndroidPushNotificationTemplate adm, APNSPushNotificationTemplate apns,
                                                     AndroidPushNotificationTemplate baidu,
                                                     DefaultPushNotificationTemplate defaultTemplate,
                                                     AndroidPushNotificationTemplate gcm) {
        Map<String, Map<String, String>> sections = new LinkedHashMap<>();
        if (adm != null) sections.put("ADM", adm.parts());
        if (apns != null) sections.put("APNS", apns.parts());
        if (baidu != null) sections.put("Baidu", baidu.parts());
        if (defaultTemplate != null) sections.put("Default", defaultTemplate.parts());
        if (gcm != null) sections.put("GCM", gcm.parts());
        return sections;
    }

    static void checkSizes(Map<String, Map<String, String>> sections) {
        sections.forEach((section, parts) -> parts.forEach((part, text) -> {
            int max = MAX_CHARACTERS.get(section);
            int length = text.codePointCount(0, text.length());
            if (length > max) {
                throw ApiError.badRequest(section + "." + part + " is " + length + " characters; a push template's "
                        + section + " parts may have at most " + max);
            }
        }));
    }
}
