package io.pinpush.campaigns;

/**
 * What the campaign service tells the campaign runner's scheduler after a write has been committed: a campaign was
 * created or updated (its latest version), or deleted (DeleteCampaign, or DeleteApp for each of the app's campaigns).
 * Called after the write, never before, so the scheduler only ever hears of campaigns that are stored (or gone).
 */
public interface CampaignLifecycle {

    /** Until the runner plugs in: nobody listens. */
    CampaignLifecycle NONE = new CampaignLifecycle() {
        @Override
        public boolean saved(CampaignResponse latest) {
            return false;
        }

        @Override
        public void deleted(String appId, String campaignId) {
        }
    };

    /**
     * After {@code latest} was stored.
     *
     * @return whether every run of the scheduled campaign has now started (or none is left to start), so that it waits
     *     for no run: a campaign an update leaves so is COMPLETED
     */
    boolean saved(CampaignResponse latest);

    /**
     * Whether every run of the campaign has started, so that an update will not run it again (its run numbers are
     * taken): a finished campaign then keeps its status instead of claiming SCHEDULED.
     */
    default boolean everyRunStarted(String appId, String campaignId) {
        return false;
    }

    void deleted(String appId, String campaignId);
}
