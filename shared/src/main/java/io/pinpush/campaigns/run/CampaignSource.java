package io.pinpush.campaigns.run;

import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.campaigns.CampaignStatus;
import java.util.Optional;

/** What the runner reads and changes of the campaigns themselves: answered by the campaign store. */
public interface CampaignSource {

    /** The campaign's latest version, or empty when it does not exist (deleted). */
    Optional<CampaignResponse> current(String appId, String campaignId);

    /** One stored version (a run sends the version it started with). */
    CampaignResponse version(String appId, String campaignId, int version);

    /** Moves the campaign (and its treatments) to {@code status}, without writing a new version. */
    void setStatus(String appId, String campaignId, CampaignStatus status);
}
