package io.pinpush.campaigns;

import io.pinpush.api.PageRequest;
import io.pinpush.store.Page;

/**
 * The runs of a campaign's treatments (Pinpoint's activities): written by the campaign runner as a run starts and
 * progresses, read by GetCampaignActivities. Implemented by {@link CampaignStore}.
 */
public interface CampaignActivities {

    /**
     * Writes {@code activity} at {@code revision} (its runner's count of changes to it), provided its campaign still
     * exists; false when it does not (deleted meanwhile), and nothing is written. The highest revision of an activity
     * stays: one already written at the same or a later revision is left as it is (and the answer is true).
     */
    boolean record(ActivityResponse activity, long revision);

    /** The campaign's activities, newest first. */
    Page<ActivityResponse> list(String appId, String campaignId, PageRequest page);
}
