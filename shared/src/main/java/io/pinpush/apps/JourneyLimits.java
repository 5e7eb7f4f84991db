package io.pinpush.apps;

/**
 * Pinpoint's ApplicationSettingsJourneyLimits, stored and returned (journeys are not run by Pinpush). 0 means no
 * limit, as in Pinpoint.
 */
public record JourneyLimits(Integer dailyCap, TimeframeCap timeframeCap, Integer totalCap) {

    /** The model's ranges: each cap at most 100 messages, the timeframe at most 30 days. */
    void requireValid() {
        CampaignLimits.requireRange("JourneyLimits.DailyCap", dailyCap, 0, 100);
        CampaignLimits.requireRange("JourneyLimits.TotalCap", totalCap, 0, 100);
        if (timeframeCap != null) {
            CampaignLimits.requireRange("JourneyLimits.TimeframeCap.Cap", timeframeCap.cap(), 0, 100);
            CampaignLimits.requireRange("JourneyLimits.TimeframeCap.Days", timeframeCap.days(), 0, 30);
        }
    }

    public record TimeframeCap(Integer cap, Integer days) {
    }
}
