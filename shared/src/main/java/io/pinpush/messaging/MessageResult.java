package io.pinpush.messaging;

import io.pinpush.providers.DeliveryResult;

/**
 * Pinpoint's MessageResult: Provides information about the results of sending a message directly to an endpoint address.
 *
 * <p>Also the result Pinpush records for every delivery. {@code statusCode} is the provider's HTTP status when a
 * provider was called; for outcomes decided without one it is the status Pinpoint uses for the same case.
 */
public record MessageResult(
        DeliveryStatus deliveryStatus,
        String messageId,
        Integer statusCode,
        String statusMessage,
        String updatedToken) {

    /** Still in flight when the send call stopped waiting (Pinpush's extension; see the README). */
    public static final MessageResult QUEUED = new MessageResult(DeliveryStatus.QUEUED, null, 202,
            "Queued for delivery; the final outcome will be in the delivery record", null);

    public static MessageResult of(DeliveryStatus status, int statusCode, String statusMessage) {
        return new MessageResult(status, null, statusCode, statusMessage, null);
    }

    /** What the API reports of a provider's answer (or of a notification that could not be rendered). */
    public static MessageResult of(DeliveryResult result) {
        return new MessageResult(result.deliveryStatus(), result.messageId(), result.statusCode(), result.statusMessage(),
                result.updatedToken());
    }

    public static MessageResult permanentFailure(int statusCode, String statusMessage) {
        return of(DeliveryStatus.PERMANENT_FAILURE, statusCode, statusMessage);
    }

    public MessageResult withStatusMessage(String message) {
        return new MessageResult(deliveryStatus, messageId, statusCode, message, updatedToken);
    }

    public EndpointMessageResult toEndpointResult(String address) {
        return new EndpointMessageResult(address, deliveryStatus, messageId, statusCode, statusMessage, updatedToken);
    }
}
