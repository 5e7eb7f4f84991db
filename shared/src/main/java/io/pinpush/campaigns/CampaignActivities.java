package io.pinpush.campaigns;

import io.pinpush.api.PageRequest;
import io.pinpush.store.Page;

/**
 * The runs of a campaign's treatments (Pinpoint's activities): written by the campaign runner as a run starts and
 * progresses, read by GetCampaignActivities. Implemented by {@link CampaignStore}.
 */
public interface CampaignActivities {

    /**
     * Writes {@code activity} (a put: the latest write of an id wins), provided its campaign still exists; false when
     * it does not (deleted meanwhile), and nothing is written.
     */
    boolean record(ActivityResponse activity);

    /** The campaign's activities, newest first. */
    Page<ActivityResponse> list(String appId, String campaignId, PageRequest page);
}
