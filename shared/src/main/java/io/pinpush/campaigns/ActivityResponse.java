package io.pinpush.campaigns;

import java.util.Map;

/**
 * Pinpoint's ActivityResponse: one run of one treatment of a campaign, written by the campaign runner and read by
 * GetCampaignActivities.
 *
 * @param state  the run's status: PENDING, INITIALIZING, RUNNING, PAUSED, CANCELLED or COMPLETED
 * @param result the run's result: SUCCESS or FAIL, once it has one
 * @param executionMetrics counters of the run (Pinpoint's names are free-form strings)
 */
public record ActivityResponse(String applicationId, String campaignId, String end, String id, String result,
                               String scheduledStart, String start, String state, Integer successfulEndpointCount,
                               Integer timezonesCompletedCount, Integer timezonesTotalCount,
                               Integer totalEndpointCount, String treatmentId, Map<String, String> executionMetrics) {
}
