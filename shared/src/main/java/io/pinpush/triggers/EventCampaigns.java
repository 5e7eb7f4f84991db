package io.pinpush.triggers;

import java.time.Instant;
import java.util.List;

/**
 * Seam to the campaigns: the event-triggered campaigns of an app that are running at {@code at} (not paused, not
 * deleted, schedule not over). Called once per app per stream batch, behind a short cache
 * ({@link CachedEventCampaigns}), so it may read DynamoDB.
 */
@FunctionalInterface
public interface EventCampaigns {

    /** Until the campaign runner provides them: no app has event-triggered campaigns. */
    EventCampaigns NONE = (appId, at) -> List.of();

    List<EventTrigger> activeFor(String appId, Instant at);
}
