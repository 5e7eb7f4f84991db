package io.pinpush.messaging;

import java.util.List;
import java.util.Map;

/** Pinpoint's DefaultMessage: Specifies the default message for all channels. */
public record DefaultMessage(
        String body,
        Map<String, List<String>> substitutions) {
}
