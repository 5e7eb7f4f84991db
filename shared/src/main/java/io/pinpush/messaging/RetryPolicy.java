package io.pinpush.messaging;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;

/**
 * When a throttled or temporarily failed delivery is tried again: exponential backoff with full jitter
 * (a random delay between zero and {@code baseDelay * 2^(attempt-1)}, capped at {@code maxDelay}), never sooner
 * than the provider's Retry-After, and only while attempts remain and the notification has not expired.
 *
 * <p>Delays are whole seconds because the dispatcher waits by changing the SQS message's visibility timeout
 * (at most 12 hours) rather than by sleeping.
 */
public record RetryPolicy(int maxAttempts, Duration baseDelay, Duration maxDelay) {

    /** SQS refuses visibility timeouts above 12 hours. */
    public static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1, got " + maxAttempts);
        }
        if (baseDelay.isNegative() || maxDelay.isNegative()) {
            throw new IllegalArgumentException("retry delays must not be negative");
        }
    }

    public sealed interface Decision {
        /** Make the message visible again after {@code delay}. */
        record Retry(Duration delay) implements Decision {
        }

        /** The failure is final; {@code reason} says why no further attempt is made. */
        record GiveUp(String reason) implements Decision {
        }
    }

    /**
     * @param attempt    the attempt that just failed, counting from 1
     * @param retryAfter the provider's Retry-After, or null
     * @param expiresAt  when the notification becomes worthless, or null for never
     */
    public Decision afterFailure(int attempt, Duration retryAfter, Instant now, Instant expiresAt,
                                 DoubleSupplier random) {
        if (attempt >= maxAttempts) {
            return new Decision.GiveUp("gave up after " + attempt + (attempt == 1 ? " attempt" : " attempts"));
        }
        Duration delay = wholeSeconds(max(backoff(attempt, random), retryAfter));
        if (delay.compareTo(MAX_VISIBILITY) > 0) {
            return new Decision.GiveUp("the provider asked to wait " + retryAfter.toSeconds()
                    + " s, longer than a delivery can be held back");
        }
        if (expiresAt != null && !now.plus(delay).isBefore(expiresAt)) {
            return new Decision.GiveUp("the notification expires before the next attempt (TimeToLive)");
        }
        return new Decision.Retry(delay);
    }

    /** The full-jitter delay after failed attempt {@code attempt}: uniform in [0, min(maxDelay, base * 2^(attempt-1))]. */
    public Duration backoff(int attempt, DoubleSupplier random) {
        Duration ceiling = maxDelay;
        int doublings = Math.max(0, attempt - 1);
        if (doublings < 40) {
            Duration exponential = baseDelay.multipliedBy(1L << doublings);
            if (exponential.compareTo(maxDelay) < 0) {
                ceiling = exponential;
            }
        }
        return Duration.ofMillis(Math.round(ceiling.toMillis() * random.getAsDouble()));
    }

    private static Duration max(Duration a, Duration b) {
        return b == null || a.compareTo(b) >= 0 ? a : b;
    }

    /** Rounds up, so a Retry-After of 1.2 s is never cut short. */
    private static Duration wholeSeconds(Duration delay) {
        long seconds = delay.toSeconds() + (delay.toNanosPart() > 0 ? 1 : 0);
        return Duration.ofSeconds(seconds);
    }
}
