package io.pinpush.templates;

import io.pinpush.api.ApiError;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Pinpoint's TemplateType. Pinpush keeps PUSH templates only; the other types exist so requests naming them get accurate answers. */
public enum TemplateType {
    EMAIL, SMS, VOICE, PUSH, INAPP;

    /** A template-type path or query value; Pinpoint's examples use both "PUSH" and "push". */
    static TemplateType parse(String value) {
        try {
            return valueOf(value.toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Invalid template type '" + value + "': expected one of "
                    + Arrays.stream(values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }
}
