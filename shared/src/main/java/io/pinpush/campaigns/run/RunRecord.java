package io.pinpush.campaigns.run;

import java.time.LocalDateTime;
import java.util.Map;

/**
 * One run of a campaign as the tick started it: the campaign version it sends (later updates do not change a run
 * in flight), its wall-clock start and one activity per treatment.
 *
 * @param scheduledLocal the run's start as a wall-clock time (ISO local date-time) in the campaign's zone, or in
 *                       each endpoint's zone with IsLocalTime
 * @param activities     treatment id ("0" default, "1", ...) to its activity id
 * @param last           no run follows it in the schedule: when it finishes, the campaign is COMPLETED
 */
public record RunRecord(String appId, String campaignId, int runNumber, int version, String scheduledLocal,
                        boolean localTime, Map<String, String> activities, boolean last) {

    public LocalDateTime local() {
        return LocalDateTime.parse(scheduledLocal);
    }
}
