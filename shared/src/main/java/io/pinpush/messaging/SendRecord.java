package io.pinpush.messaging;

/**
 * The header of a send request's delivery record: which app sent it, when, and how many deliveries it made.
 * A reader compares {@code deliveries} with the outcomes recorded so far to see what is still in flight.
 */
public record SendRecord(String appId, String requestId, String traceId, String created, int deliveries) {
}
