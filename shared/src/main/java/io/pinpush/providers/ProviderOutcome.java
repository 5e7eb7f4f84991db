package io.pinpush.providers;

import java.time.Duration;

/**
 * What a provider made of one notification. As in Pushy, a notification the provider refused (with a reason)
 * is kept apart from one we could not get to it at all.
 */
public sealed interface ProviderOutcome {

    /** Accepted by the provider. {@code updatedToken} is a canonical token the provider asked us to use instead. */
    record Delivered(int statusCode, String messageId, String updatedToken) implements ProviderOutcome {
    }

    /**
     * Refused by the provider with a status and reason ({@code BadDeviceToken}, {@code UNREGISTERED}, ...).
     *
     * @param tokenInvalid the address will never work again: the endpoint holding it becomes INACTIVE
     * @param retryAfter   the provider's Retry-After, when it sent one
     */
    record Rejected(int statusCode, String reason, boolean tokenInvalid, boolean retryable, Duration retryAfter)
            implements ProviderOutcome {
    }

    /** Never reached the provider, or no answer came (connection refused or reset, timeout). */
    record Failed(String reason, boolean retryable) implements ProviderOutcome {
    }
}
