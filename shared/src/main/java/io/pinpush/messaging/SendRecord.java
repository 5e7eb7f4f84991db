package io.pinpush.messaging;

import java.util.Map;

/**
 * The header of a send request's delivery record: which app sent it, when, and how many deliveries it made.
 * A reader compares {@code deliveries} with the outcomes recorded so far to see what is still in flight.
 *
 * @param queued the targets of the deliveries handed to the dispatcher, by delivery index, so a delivery report
 *               can name the ones still in flight (null in headers written before reports existed)
 */
public record SendRecord(String appId, String requestId, String traceId, String created, int deliveries,
                         Map<Integer, DeliveryTarget> queued) {
}
