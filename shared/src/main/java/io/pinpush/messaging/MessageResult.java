package io.pinpush.messaging;

/** Pinpoint's MessageResult: Provides information about the results of sending a message directly to an endpoint address. */
public record MessageResult(
        DeliveryStatus deliveryStatus,
        String messageId,
        Integer statusCode,
        String statusMessage,
        String updatedToken) {
}
