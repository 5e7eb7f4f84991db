package io.pinpush.limits;

import io.pinpush.apps.CampaignLimits;

/**
 * The Limits a campaign runs under: each member of the campaign's own Limits, or, where the campaign leaves it
 * out, the app's default from its settings (Pinpoint's rule: the application's Limits are the defaults for its
 * campaigns). 0 means "no limit" for Daily, Total and Session.
 */
public final class EffectiveLimits {

    private EffectiveLimits() {
    }

    public static CampaignLimits of(CampaignLimits campaign, CampaignLimits app) {
        if (campaign == null) {
            return app;
        }
        if (app == null) {
            return campaign;
        }
        return new CampaignLimits(
                campaign.daily() != null ? campaign.daily() : app.daily(),
                campaign.maximumDuration() != null ? campaign.maximumDuration() : app.maximumDuration(),
                campaign.messagesPerSecond() != null ? campaign.messagesPerSecond() : app.messagesPerSecond(),
                campaign.total() != null ? campaign.total() : app.total(),
                campaign.session() != null ? campaign.session() : app.session());
    }

    /** A count limit, or null for none (null or 0). */
    public static Integer positive(Integer limit) {
        return limit == null || limit <= 0 ? null : limit;
    }
}
