package io.pinpush.providers;

/** A provider's OAuth token endpoint said no, or could not be reached: the notification fails without a send. */
public final class TokenFailure extends RuntimeException {

    private final boolean retryable;

    public TokenFailure(String message, boolean retryable) {
        super(message, null, false, false);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
