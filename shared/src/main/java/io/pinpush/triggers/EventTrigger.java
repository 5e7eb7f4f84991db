package io.pinpush.triggers;

import io.pinpush.apps.CampaignLimits;
import io.pinpush.apps.QuietTime;
import io.pinpush.endpoints.EndpointResponse;
import java.time.Instant;
import java.util.Objects;
import java.util.function.Predicate;

/**
 * One active event-triggered campaign (Schedule.Frequency EVENT), as the trigger path needs it: what the campaign
 * side hands over through {@link EventCampaigns}.
 *
 * @param version   the campaign version whose message a triggered send uses
 * @param startTime Schedule.StartTime: events that arrive earlier do not trigger
 * @param endTime   Schedule.EndTime, or null for no end: events that arrive at or after it do not trigger
 * @param quietTime Schedule.QuietTime (or the app's), or null: applied in the endpoint's own time zone
 * @param limits    the campaign's Limits (or the app's): Daily, Total and Session are enforced per endpoint here
 * @param audience  membership of the campaign's segment, compiled by the campaign side (the segment evaluator)
 */
public record EventTrigger(String campaignId, int version, CampaignEventFilter filter, Instant startTime,
                           Instant endTime, QuietTime quietTime, CampaignLimits limits,
                           Predicate<EndpointResponse> audience) {

    public EventTrigger {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(filter, "filter");
        Objects.requireNonNull(startTime, "startTime");
        audience = audience == null ? endpoint -> true : audience;
    }

    /** Whether an event that arrived at {@code arrival} falls in the campaign's schedule window. */
    public boolean inWindow(Instant arrival) {
        return !arrival.isBefore(startTime) && (endTime == null || arrival.isBefore(endTime));
    }
}
