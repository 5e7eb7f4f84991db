package io.pinpush.messaging;

import io.pinpush.providers.ProviderOutcome;
import java.time.Duration;

/**
 * How a provider's answer reads as a Pinpoint delivery result. A refusal keeps the provider's own status and
 * reason ({@code 410 Unregistered}, {@code 404 UNREGISTERED}); a send that never got an answer has no provider
 * status, so it reports 503 when worth retrying and 500 when not.
 */
public final class ProviderResults {

    private ProviderResults() {
    }

    public static MessageResult toResult(ProviderOutcome outcome) {
        if (outcome instanceof ProviderOutcome.Delivered d) {
            return new MessageResult(DeliveryStatus.SUCCESSFUL, d.messageId(), d.statusCode(), "Delivered",
                    d.updatedToken());
        }
        if (outcome instanceof ProviderOutcome.Rejected r) {
            return MessageResult.of(rejectedStatus(r), r.statusCode(), r.reason());
        }
        ProviderOutcome.Failed f = (ProviderOutcome.Failed) outcome;
        return f.retryable()
                ? MessageResult.of(DeliveryStatus.TEMPORARY_FAILURE, 503, f.reason())
                : MessageResult.of(DeliveryStatus.UNKNOWN_FAILURE, 500, f.reason());
    }

    /** Worth another provider call later: the provider throttled us or failed temporarily. */
    public static boolean isRetryable(MessageResult result) {
        return result.deliveryStatus() == DeliveryStatus.THROTTLED
                || result.deliveryStatus() == DeliveryStatus.TEMPORARY_FAILURE;
    }

    public static Duration retryAfter(ProviderOutcome outcome) {
        return outcome instanceof ProviderOutcome.Rejected r ? r.retryAfter() : null;
    }

    /** The address will never work again: the endpoint holding it must become INACTIVE. */
    public static boolean tokenInvalid(ProviderOutcome outcome) {
        return outcome instanceof ProviderOutcome.Rejected r && r.tokenInvalid();
    }

    private static DeliveryStatus rejectedStatus(ProviderOutcome.Rejected rejected) {
        if (rejected.tokenInvalid()) {
            return DeliveryStatus.PERMANENT_FAILURE;
        }
        if (rejected.statusCode() == 429) {
            return DeliveryStatus.THROTTLED;
        }
        return rejected.retryable() ? DeliveryStatus.TEMPORARY_FAILURE : DeliveryStatus.PERMANENT_FAILURE;
    }
}
