package io.pinpush.analytics;

/** Pinpoint's ApplicationDateRangeKpiResponse. */
public record ApplicationDateRangeKpiResponse(String applicationId, String endTime, String kpiName,
                                              BaseKpiResult kpiResult, String nextToken, String startTime) {
}
