package io.pinpush.messaging;

/** Pinpoint's EndpointMessageResult: Provides information about the delivery status and results of sending a message directly to an endpoint. */
public record EndpointMessageResult(
        String address,
        DeliveryStatus deliveryStatus,
        String messageId,
        Integer statusCode,
        String statusMessage,
        String updatedToken) {
}
