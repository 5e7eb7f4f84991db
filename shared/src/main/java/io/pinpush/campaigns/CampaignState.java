package io.pinpush.campaigns;

/** Pinpoint's CampaignState: the wrapper the model puts around a {@link CampaignStatus}. */
public record CampaignState(CampaignStatus campaignStatus) {

    public static CampaignState of(CampaignStatus status) {
        return new CampaignState(status);
    }
}
