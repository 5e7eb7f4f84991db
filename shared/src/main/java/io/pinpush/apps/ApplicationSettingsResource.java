package io.pinpush.apps;

/**
 * GetApplicationSettings' answer. CloudWatchMetricsEnabled and EventTaggingEnabled are not members of
 * Pinpoint's response shape; Pinpush returns them as well so a caller can read back what it wrote
 * (SDKs ignore members they do not know).
 */
public record ApplicationSettingsResource(String applicationId, CampaignHook campaignHook, String lastModifiedDate,
                                          CampaignLimits limits, QuietTime quietTime, JourneyLimits journeyLimits,
                                          Boolean cloudWatchMetricsEnabled, Boolean eventTaggingEnabled) {
}
