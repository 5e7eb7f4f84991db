package io.pinpush.messaging;

/**
 * Pinpoint's DeliveryStatus, plus QUEUED: Pinpush's documented extension for a delivery still in flight when
 * the send call's wait ended (its final outcome arrives in the delivery record and on the event stream).
 */
public enum DeliveryStatus {
    SUCCESSFUL, THROTTLED, TEMPORARY_FAILURE, PERMANENT_FAILURE, UNKNOWN_FAILURE, OPT_OUT, DUPLICATE, QUEUED
}
