package io.pinpush.messaging;

import com.fasterxml.jackson.annotation.JsonProperty;

/** Pinpoint's TemplateConfiguration: Specifies the message template to use for the message, for each type of channel. */
public record TemplateConfiguration(
        Template emailTemplate,
        Template pushTemplate,
        @JsonProperty("SMSTemplate") Template smsTemplate,
        Template voiceTemplate,
        Template inAppTemplate) {
}
