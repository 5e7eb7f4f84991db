package io.pinpush.apps;

/**
 * An app's settings as stored, and the payload of UpdateApplicationSettings
 * ({@code WriteApplicationSettingsRequest}). Members left out of an update keep their stored values.
 */
public record ApplicationSettings(CampaignHook campaignHook, Boolean cloudWatchMetricsEnabled,
                                  Boolean eventTaggingEnabled, CampaignLimits limits, QuietTime quietTime,
                                  JourneyLimits journeyLimits) {

    public static final ApplicationSettings EMPTY = new ApplicationSettings(null, null, null, null, null, null);

    /** This update applied over {@code stored}: present members replace, absent ones keep. */
    public ApplicationSettings over(ApplicationSettings stored) {
        return new ApplicationSettings(
                campaignHook != null ? campaignHook : stored.campaignHook,
                cloudWatchMetricsEnabled != null ? cloudWatchMetricsEnabled : stored.cloudWatchMetricsEnabled,
                eventTaggingEnabled != null ? eventTaggingEnabled : stored.eventTaggingEnabled,
                limits != null ? limits : stored.limits,
                quietTime != null ? quietTime : stored.quietTime,
                journeyLimits != null ? journeyLimits : stored.journeyLimits);
    }
}
