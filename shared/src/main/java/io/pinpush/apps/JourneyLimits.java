package io.pinpush.apps;

import io.pinpush.api.ApiError;

/**
 * Pinpoint's ApplicationSettingsJourneyLimits, stored and returned (journeys are not run by Pinpush). 0 means no
 * limit, as in Pinpoint.
 */
public record JourneyLimits(Integer dailyCap, TimeframeCap timeframeCap, Integer totalCap) {

    /** The model's ranges: each cap at most 100 messages, the timeframe at most 30 days. */
    void requireValid() {
        requireRange("JourneyLimits.DailyCap", dailyCap, 100);
        requireRange("JourneyLimits.TotalCap", totalCap, 100);
        if (timeframeCap != null) {
            requireRange("JourneyLimits.TimeframeCap.Cap", timeframeCap.cap(), 100);
            requireRange("JourneyLimits.TimeframeCap.Days", timeframeCap.days(), 30);
        }
    }

    private static void requireRange(String member, Integer value, int most) {
        if (value != null && (value < 0 || value > most)) {
            throw ApiError.badRequest(member + " must be between 0 and " + most + ", got " + value);
        }
    }

    public record TimeframeCap(Integer cap, Integer days) {
    }
}
