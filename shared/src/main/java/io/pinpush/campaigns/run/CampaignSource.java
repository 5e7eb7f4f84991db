package io.pinpush.campaigns.run;

import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.campaigns.CampaignStatus;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Predicate;

/** What the runner reads and changes of the campaigns themselves: answered by the campaign store. */
public interface CampaignSource {

    /** No campaigns: what a deployment without the campaign store sees (every due run finds its campaign gone). */
    CampaignSource NONE = new CampaignSource() {
        @Override
        public Optional<CampaignResponse> current(String appId, String campaignId) {
            return Optional.empty();
        }

        @Override
        public CampaignResponse version(String appId, String campaignId, int version) {
            throw new IllegalStateException("No campaign store");
        }

        @Override
        public void decideStatus(String appId, String campaignId,
                                 Function<CampaignResponse, Optional<CampaignStatus>> decide) {
        }
    };

    /** The campaign's latest version, or empty when it does not exist (deleted). */
    Optional<CampaignResponse> current(String appId, String campaignId);

    /** One stored version (a run sends the version it started with). */
    CampaignResponse version(String appId, String campaignId, int version);

    /** Moves the campaign (and its treatments) to {@code status}, without writing a new version. */
    default void setStatus(String appId, String campaignId, CampaignStatus status) {
        setStatus(appId, campaignId, status, latest -> true);
    }

    /**
     * {@link #setStatus(String, String, CampaignStatus)}, as long as the campaign's latest version passes
     * {@code stillApplies}: a change that follows from an older version (its segment deleted) must not land on a newer
     * one an UpdateCampaign wrote meanwhile.
     */
    default void setStatus(String appId, String campaignId, CampaignStatus status,
                           Predicate<CampaignResponse> stillApplies) {
        decideStatus(appId, campaignId, latest -> stillApplies.test(latest) ? Optional.of(status) : Optional.empty());
    }

    /**
     * Moves the campaign to the status {@code decide} gives for its latest version as read (none: left as it is),
     * deciding again on what is stored should an UpdateCampaign get there first.
     */
    void decideStatus(String appId, String campaignId, Function<CampaignResponse, Optional<CampaignStatus>> decide);
}
