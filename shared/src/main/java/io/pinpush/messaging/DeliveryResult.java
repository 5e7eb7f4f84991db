package io.pinpush.messaging;

/**
 * The outcome of one delivery as Pinpoint reports it. {@code statusCode} is the provider's HTTP status when a
 * provider was called; for outcomes decided without one it is the status Pinpoint uses for the same case.
 */
public record DeliveryResult(DeliveryStatus deliveryStatus, int statusCode, String statusMessage, String messageId,
                             String updatedToken) {

    /** Still in flight when the send call stopped waiting (Pinpush's extension; see the README). */
    public static final DeliveryResult QUEUED = new DeliveryResult(DeliveryStatus.QUEUED, 202,
            "Queued for delivery; the final outcome will be in the delivery record", null, null);

    public static DeliveryResult of(DeliveryStatus status, int statusCode, String statusMessage) {
        return new DeliveryResult(status, statusCode, statusMessage, null, null);
    }

    public static DeliveryResult permanentFailure(int statusCode, String statusMessage) {
        return of(DeliveryStatus.PERMANENT_FAILURE, statusCode, statusMessage);
    }

    /** Worth another provider call later: the provider throttled us or failed temporarily. */
    public boolean isRetryable() {
        return deliveryStatus == DeliveryStatus.THROTTLED || deliveryStatus == DeliveryStatus.TEMPORARY_FAILURE;
    }

    public DeliveryResult withStatusMessage(String message) {
        return new DeliveryResult(deliveryStatus, statusCode, message, messageId, updatedToken);
    }

    public MessageResult toMessageResult() {
        return new MessageResult(deliveryStatus, messageId, statusCode, statusMessage, updatedToken);
    }

    public EndpointMessageResult toEndpointResult(String address) {
        return new EndpointMessageResult(address, deliveryStatus, messageId, statusCode, statusMessage, updatedToken);
    }
}
