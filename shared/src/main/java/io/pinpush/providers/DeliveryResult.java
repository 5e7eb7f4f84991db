package io.pinpush.providers;

import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.messaging.EndpointMessageResult;
import java.time.Duration;

/**
 * How one notification ended, in Pinpoint's terms: the one place a provider outcome becomes a DeliveryStatus,
 * StatusCode and StatusMessage, so the send flow and the dispatcher never derive them on their own.
 *
 * <table>
 *   <tr><th>outcome</th><th>DeliveryStatus</th><th>StatusCode</th></tr>
 *   <tr><td>Delivered</td><td>SUCCESSFUL</td><td>the provider's (200)</td></tr>
 *   <tr><td>Rejected, token invalid (Unregistered, BadDeviceToken, UNREGISTERED, ADM InvalidRegistrationId, Baidu 30608, ...)</td><td>PERMANENT_FAILURE</td><td>400</td></tr>
 *   <tr><td>Rejected 401/403 for the channel's credentials (InvalidProviderToken, BadCertificate, THIRD_PARTY_AUTH_ERROR, ...)</td><td>PERMANENT_FAILURE</td><td>400</td></tr>
 *   <tr><td>Rejected 429 (TooManyRequests, QUOTA_EXCEEDED, TooManyProviderTokenUpdates, MaxRateExceeded, Baidu 30699)</td><td>THROTTLED</td><td>429</td></tr>
 *   <tr><td>Rejected, retryable (5xx, UNAVAILABLE, INTERNAL, ExpiredProviderToken)</td><td>TEMPORARY_FAILURE</td><td>the provider's</td></tr>
 *   <tr><td>Failed, retryable (timeout, connection refused or reset)</td><td>TEMPORARY_FAILURE</td><td>503</td></tr>
 *   <tr><td>any other rejection or failure</td><td>UNKNOWN_FAILURE</td><td>the provider's, else 500</td></tr>
 * </table>
 *
 * <p>An invalid token or rejected credentials are a 400 whatever the provider answered, as the customer's guide says
 * of Pinpoint: "a per endpoint status code of 400 permanent failure if the corresponding platform token ... or
 * certificate ... is determined to be invalid"; the provider's own status stays in the StatusMessage.
 *
 * @param retryable    sending the same notification again later may succeed
 * @param retryAfter   how long the provider asked us to wait, when it said so
 * @param tokenInvalid the address will never work again: the endpoint holding it becomes INACTIVE
 */
public record DeliveryResult(DeliveryStatus deliveryStatus, int statusCode, String statusMessage, String messageId,
                             String updatedToken, boolean retryable, Duration retryAfter, boolean tokenInvalid) {

    static final int UNREACHABLE = 503;
    static final int FAILED = 500;
    /** Pinpoint's per-endpoint status for an invalid token or certificate. */
    static final int INVALID = 400;

    public static DeliveryResult of(ProviderOutcome outcome) {
        if (outcome instanceof ProviderOutcome.Delivered delivered) {
            return new DeliveryResult(DeliveryStatus.SUCCESSFUL, delivered.statusCode(), "OK", delivered.messageId(),
                    delivered.updatedToken(), false, null, false);
        }
        if (outcome instanceof ProviderOutcome.Rejected rejected) {
            if (rejected.tokenInvalid() || credentialsRejected(rejected)) {
                return new DeliveryResult(DeliveryStatus.PERMANENT_FAILURE, INVALID, rejected.reason()
                        + " (provider HTTP " + rejected.statusCode() + ")", null, null, false, null, rejected.tokenInvalid());
            }
            return new DeliveryResult(statusOf(rejected), rejected.statusCode(), rejected.reason(), null, null,
                    rejected.retryable(), rejected.retryAfter(), false);
        }
        ProviderOutcome.Failed failed = (ProviderOutcome.Failed) outcome;
        return failed.retryable()
                ? new DeliveryResult(DeliveryStatus.TEMPORARY_FAILURE, UNREACHABLE, failed.reason(), null, null, true, null, false)
                : new DeliveryResult(DeliveryStatus.UNKNOWN_FAILURE, FAILED, failed.reason(), null, null, false, null, false);
    }

    /** A notification that was never sent because it could not be rendered for its channel. */
    public static DeliveryResult notRendered(RenderResult result) {
        if (result instanceof RenderResult.TooLarge tooLarge) {
            return new DeliveryResult(DeliveryStatus.PERMANENT_FAILURE, 413, tooLarge.statusMessage(), null, null, false, null, false);
        }
        if (result instanceof RenderResult.Invalid invalid) {
            return new DeliveryResult(DeliveryStatus.PERMANENT_FAILURE, 400, invalid.statusMessage(), null, null, false, null, false);
        }
        throw new IllegalArgumentException("A rendered notification has no delivery result until it is sent");
    }

    /** The provider refused the channel's credentials for good (an expired token is retryable: it is minted anew). */
    private static boolean credentialsRejected(ProviderOutcome.Rejected rejected) {
        return !rejected.retryable() && (rejected.statusCode() == 401 || rejected.statusCode() == 403);
    }

    private static DeliveryStatus statusOf(ProviderOutcome.Rejected rejected) {
        if (rejected.statusCode() == 429) {
            return DeliveryStatus.THROTTLED;
        }
        return rejected.retryable() ? DeliveryStatus.TEMPORARY_FAILURE : DeliveryStatus.UNKNOWN_FAILURE;
    }

    public EndpointMessageResult toEndpointMessageResult(String address) {
        return new EndpointMessageResult(address, deliveryStatus, messageId, statusCode, statusMessage, updatedToken);
    }
}
