package io.pinpush.apps;

import io.pinpush.api.ApiError;

/** Message limits for campaigns, as app defaults or per campaign. */
public record CampaignLimits(Integer daily, Integer maximumDuration, Integer messagesPerSecond, Integer total,
                             Integer session) {

    public CampaignLimits {
        requireRange("Limits.Daily", daily, 0, 100);
        requireRange("Limits.Total", total, 0, 100);
        requireRange("Limits.Session", session, 0, Integer.MAX_VALUE); // the model gives Session no maximum
        requireRange("Limits.MaximumDuration", maximumDuration, 60, Integer.MAX_VALUE);
        requireRange("Limits.MessagesPerSecond", messagesPerSecond, 1, 20_000);
    }

    /** Shared with the app's JourneyLimits: {@code member} is the request's name for it. */
    static void requireRange(String member, Integer value, int min, int max) {
        if (value != null && (value < min || value > max)) {
            throw ApiError.badRequest(member + (max == Integer.MAX_VALUE ? " must be " + min + " or more"
                    : " must be between " + min + " and " + max) + ", got " + value);
        }
    }
}
