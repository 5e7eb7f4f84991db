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

    public static DeliveryResult toResult(ProviderOutcome outcome) {
        if (outcome instanceof ProviderOutcome.Delivered d) {
            return new DeliveryResult(DeliveryStatus.SUCCESSFUL, d.statusCode(), "Delivered", d.messageId(),
                    d.updatedToken());
        }
        if (outcome instanceof ProviderOutcome.Rejected r) {
            return DeliveryResult.of(rejectedStatus(r), r.statusCode(), r.reason());
        }
        ProviderOutcome.Failed f = (ProviderOutcome.Failed) outcome;
        return f.retryable()
                ? DeliveryResult.of(DeliveryStatus.TEMPORARY_FAILURE, 503, f.reason())
                : DeliveryResult.of(DeliveryStatus.UNKNOWN_FAILURE, 500, f.reason());
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
