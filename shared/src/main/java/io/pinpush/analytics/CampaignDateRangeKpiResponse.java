package io.pinpush.analytics;

/** Pinpoint's CampaignDateRangeKpiResponse. */
public record CampaignDateRangeKpiResponse(String applicationId, String campaignId, String endTime, String kpiName,
                                           BaseKpiResult kpiResult, String nextToken, String startTime) {
}
