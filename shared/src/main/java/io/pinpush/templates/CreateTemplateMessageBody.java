package io.pinpush.templates;

import com.fasterxml.jackson.annotation.JsonProperty;

/** The payload of CreatePushTemplate's answer. */
public record CreateTemplateMessageBody(String arn, String message, @JsonProperty("RequestID") String requestId) {
}
