package io.pinpush.campaigns.run;

import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.campaigns.CampaignStatus;
import io.pinpush.campaigns.CampaignVersions;
import java.util.Optional;
import java.util.function.Function;

/**
 * The runner's view of the campaign store. Status changes are the store's compare-and-set: when an UpdateCampaign
 * (or a pause) got there first, the campaign is read again and the change retried on what is now stored, unless
 * it was paused meanwhile (a paused campaign stays PAUSED whatever its runs do).
 */
public final class StoredCampaigns implements CampaignSource {

    private static final int ATTEMPTS = 5;

    private final CampaignVersions versions;

    public StoredCampaigns(CampaignVersions versions) {
        this.versions = versions;
    }

    @Override
    public Optional<CampaignResponse> current(String appId, String campaignId) {
        return versions.latest(appId, campaignId);
    }

    @Override
    public CampaignResponse version(String appId, String campaignId, int version) {
        return versions.version(appId, campaignId, version).orElseThrow(() -> new IllegalStateException(
                "Campaign " + campaignId + " has no version " + version));
    }

    @Override
    public void decideStatus(String appId, String campaignId,
                             Function<CampaignResponse, Optional<CampaignStatus>> decide) {
        CampaignStatus status = null;
        for (int attempt = 0; attempt < ATTEMPTS; attempt++) {
            Optional<CampaignResponse> seen = versions.latest(appId, campaignId);
            Optional<CampaignStatus> decided = seen.flatMap(decide);
            if (decided.isEmpty() || seen.get().status() == decided.get()) {
                return;
            }
            status = decided.get();
            if (status != CampaignStatus.PAUSED && (Boolean.TRUE.equals(seen.get().isPaused())
                    || seen.get().status() == CampaignStatus.DELETED)) {
                return;
            }
            if (versions.changeStatus(seen.get(), status).isPresent()) {
                return;
            }
        }
        throw new IllegalStateException("Campaign " + campaignId + " kept changing; status " + status + " not written");
    }
}
