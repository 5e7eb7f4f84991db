package io.pinpush.apps;

/** Pinpoint's ApplicationSettingsJourneyLimits, stored and returned (journeys are not run by Pinpush). */
public record JourneyLimits(Integer dailyCap, TimeframeCap timeframeCap, Integer totalCap) {

    public record TimeframeCap(Integer cap, Integer days) {
    }
}
