package io.pinpush.campaigns;

/** Pinpoint's CampaignStatus: where a campaign (or one of its treatments) is in its life. */
public enum CampaignStatus {
    SCHEDULED, EXECUTING, PENDING_NEXT_RUN, COMPLETED, PAUSED, DELETED, INVALID
}
