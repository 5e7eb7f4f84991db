package io.pinpush.campaigns;

/**
 * Pinpoint's Frequency: how often a campaign runs. EVENT campaigns are sent by the trigger path when a matching
 * event arrives; IN_APP_EVENT belongs to in-app messaging, which Pinpush does not deliver.
 */
public enum Frequency {
    ONCE, HOURLY, DAILY, WEEKLY, MONTHLY, EVENT, IN_APP_EVENT
}
