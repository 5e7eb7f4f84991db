package io.pinpush.events;

/** Pinpoint's Session: the app session an event belongs to (timestamps ISO-8601, duration in milliseconds). */
public record Session(Integer duration, String id, String startTimestamp, String stopTimestamp) {
}
