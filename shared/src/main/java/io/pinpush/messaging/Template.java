package io.pinpush.messaging;

/** Pinpoint's Template: Specifies the name and version of the message template to use for the message. */
public record Template(
        String name,
        String version) {
}
