package io.pinpush.campaigns;

import java.util.Optional;

/**
 * What the campaign runner reads and changes of stored campaigns: a campaign's latest version or a given one, and
 * its status. Implemented by {@link CampaignStore}; finding the campaigns that are due is the runner's own query.
 */
public interface CampaignVersions {

    /** The campaign's latest version (its head), or empty when there is no such campaign (or it was deleted). */
    Optional<CampaignResponse> latest(String appId, String campaignId);

    /** One version of the campaign, or empty when there is no such campaign or version. */
    Optional<CampaignResponse> version(String appId, String campaignId, int version);

    /**
     * Moves the campaign to {@code status} (its State, DefaultState and treatment states), provided it is still
     * exactly at {@code seen}'s version and status: a compare-and-set, so a run never overwrites an UpdateCampaign
     * or a pause that happened meanwhile. Returns the campaign as written, or empty when it had changed (read it
     * again and decide anew).
     */
    Optional<CampaignResponse> changeStatus(CampaignResponse seen, CampaignStatus status);
}
