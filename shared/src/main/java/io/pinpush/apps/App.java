package io.pinpush.apps;

import java.util.Map;

/**
 * An app as stored.
 *
 * @param endpointShards how many partitions this app's endpoints are spread over; fixed for the app's life
 */
public record App(String id, String name, String arn, Map<String, String> tags, String creationDate,
                  int endpointShards, ApplicationSettings settings, String settingsModifiedDate) {

    public ApplicationResponse toResponse() {
        return new ApplicationResponse(arn, id, name, tags, creationDate);
    }

    /** The settings as GetApplicationSettings answers; until their first update, the defaults the app was created with. */
    public ApplicationSettingsResource settingsResource() {
        ApplicationSettings s = settings == null ? ApplicationSettings.EMPTY : settings;
        return new ApplicationSettingsResource(id, s.campaignHook(),
                settingsModifiedDate == null ? creationDate : settingsModifiedDate, s.limits(), s.quietTime(),
                s.journeyLimits(), s.cloudWatchMetricsEnabled(), s.eventTaggingEnabled());
    }

    public App withTags(Map<String, String> newTags) {
        return new App(id, name, arn, newTags, creationDate, endpointShards, settings, settingsModifiedDate);
    }

    public App withSettings(ApplicationSettings newSettings, String modifiedDate) {
        return new App(id, name, arn, tags, creationDate, endpointShards, newSettings, modifiedDate);
    }
}
