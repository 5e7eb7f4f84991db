package io.pinpush.hooks;

/**
 * A hook call that did not succeed. {@code retryable} says whether calling again may help: a timeout, a function
 * error, a 5xx or 429 may pass; a 4xx or an answer we cannot read will not.
 */
public final class HookCallException extends RuntimeException {

    private final boolean retryable;

    public HookCallException(String message, boolean retryable) {
        super(message);
        this.retryable = retryable;
    }

    public HookCallException(String message, boolean retryable, Throwable cause) {
        super(message, cause);
        this.retryable = retryable;
    }

    public boolean retryable() {
        return retryable;
    }
}
