package io.pinpush.campaigns.run;

import java.time.Instant;

/**
 * Where the runner writes activities (one per treatment per run), which GetCampaignActivities reads. Every method
 * is safe to repeat: a tick or runner that is retried calls them again.
 */
public interface ActivityLog {

    /** Activity states, as Pinpoint names them. */
    enum State { PENDING, INITIALIZING, RUNNING, PAUSED, CANCELLED, COMPLETED }

    /** Creates the activity unless it exists (State RUNNING). {@code timezonesTotal} is null until known. */
    void started(String appId, String campaignId, String activityId, String treatmentId, Instant scheduledStart,
                 Instant start, Integer timezonesTotal);

    /** Sets TimezonesTotalCount once a local-time run's plan is known. */
    void timezonesTotal(String appId, String campaignId, String activityId, int timezones);

    /** Adds to the counters (atomic increments): TotalEndpointCount, SuccessfulEndpointCount, TimezonesCompletedCount. */
    void add(String appId, String campaignId, String activityId, long totalEndpoints, long successfulEndpoints,
             long timezonesCompleted);

    /** The run is over for this treatment: State COMPLETED (or CANCELLED), End and Result (SUCCESS or FAIL). */
    void finished(String appId, String campaignId, String activityId, State state, Instant end, String result);
}
