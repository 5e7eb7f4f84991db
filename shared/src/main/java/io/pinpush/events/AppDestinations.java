package io.pinpush.events;

import java.util.Optional;

/** Where an app's events go besides the deployment's own stream: its PutEventStream destination, if any. */
@FunctionalInterface
public interface AppDestinations {

    AppDestinations NONE = appId -> Optional.empty();

    Optional<Destination> destinationOf(String appId);
}
