package io.pinpush.messaging;

/** Pinpoint's Action enum. */
public enum Action {
    OPEN_APP, DEEP_LINK, URL
}
