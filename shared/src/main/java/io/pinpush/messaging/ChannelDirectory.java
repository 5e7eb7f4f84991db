package io.pinpush.messaging;

import io.pinpush.channels.ChannelType;

/** Whether an app can send through a channel right now. The composition root adapts the channel service to this. */
@FunctionalInterface
public interface ChannelDirectory {

    enum Status { MISSING, DISABLED, ENABLED }

    /** Knows no channels: every send is refused with "the app has no such channel". */
    ChannelDirectory NONE = (appId, type) -> Status.MISSING;

    Status status(String appId, ChannelType type);
}
