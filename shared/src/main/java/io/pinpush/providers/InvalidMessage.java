package io.pinpush.providers;

/**
 * Thrown while rendering when the message cannot be sent to the channel as written; the renderer turns it into
 * {@link RenderResult.Invalid} with this message as the StatusMessage. An expected outcome: no stack trace.
 */
public final class InvalidMessage extends RuntimeException {

    public InvalidMessage(String message) {
        super(message, null, false, false);
    }
}
