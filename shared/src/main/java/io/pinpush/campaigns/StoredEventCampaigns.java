package io.pinpush.campaigns;

import io.pinpush.api.ApiError;
import io.pinpush.apps.App;
import io.pinpush.apps.AppService;
import io.pinpush.apps.ApplicationSettings;
import io.pinpush.apps.QuietTime;
import io.pinpush.limits.EffectiveLimits;
import io.pinpush.segments.SegmentResponse;
import io.pinpush.segments.SegmentService;
import io.pinpush.store.VersionedDocuments;
import io.pinpush.triggers.EventCampaigns;
import io.pinpush.triggers.EventTrigger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger path's view of an app's event-triggered campaigns (Schedule.Frequency EVENT) from the campaigns table:
 * those not paused, deleted, completed or invalid, each as an {@link EventTrigger} with its window, its segment
 * version compiled into a membership test, and the campaign's QuietTime and Limits (each falling back to the app's
 * settings). One whose segment was deleted is marked DELETED. Read once per app per few seconds behind
 * {@code CachedEventCampaigns}.
 */
public final class StoredEventCampaigns implements EventCampaigns {

    private static final Logger LOG = LoggerFactory.getLogger(StoredEventCampaigns.class);
    private static final Set<CampaignStatus> LIVE = EnumSet.of(CampaignStatus.SCHEDULED, CampaignStatus.EXECUTING,
            CampaignStatus.PENDING_NEXT_RUN);

    private final VersionedDocuments<CampaignResponse> campaigns;
    private final AppService apps;
    private final SegmentService segments;
    private final CampaignVersions statuses;

    public StoredEventCampaigns(CampaignStore store, AppService apps, SegmentService segments) {
        this.campaigns = store.campaigns();
        this.statuses = store;
        this.apps = apps;
        this.segments = segments;
    }

    @Override
    public List<EventTrigger> activeFor(String appId, Instant at) {
        App app;
        try {
            app = apps.require(appId);
        } catch (ApiError unknownApp) {
            return List.of(); // events of a deleted app trigger nothing
        }
        ApplicationSettings settings = app.settings() == null ? ApplicationSettings.EMPTY : app.settings();
        List<EventTrigger> triggers = new ArrayList<>();
        campaigns.forEachHead(appId, campaign -> trigger(campaign, settings, at).ifPresent(triggers::add));
        return triggers;
    }

    private Optional<EventTrigger> trigger(CampaignResponse campaign, ApplicationSettings settings, Instant at) {
        Schedule schedule = campaign.schedule();
        if (schedule == null || schedule.frequency() != Frequency.EVENT || schedule.eventFilter() == null
                || Boolean.TRUE.equals(campaign.isPaused()) || !LIVE.contains(campaign.status())) {
            return Optional.empty();
        }
        Instant end = schedule.endAt().orElse(null);
        if (end != null && !at.isBefore(end)) {
            return Optional.empty();
        }
        try {
            // IMMEDIATE: the campaign triggers from the moment it was created.
            Instant start = schedule.startAt(Instant.parse(campaign.creationDate()));
            QuietTime quiet = schedule.quietTime() != null && schedule.quietTime().start() != null
                    ? schedule.quietTime() : settings.quietTime();
            Optional<SegmentResponse> segment = segments.find(campaign.applicationId(), campaign.segmentId(),
                    campaign.segmentVersion());
            if (segment.isEmpty()) {
                segmentDeleted(campaign);
                return Optional.empty();
            }
            return Optional.of(new EventTrigger(campaign.id(), campaign.version(), schedule.eventFilter(), start, end,
                    quiet, EffectiveLimits.of(campaign.limits(), settings.limits()), segments.membership(segment.get())));
        } catch (RuntimeException unusable) {
            LOG.warn("Event campaign {} of app {} cannot trigger (segment {} v{}): {}", campaign.id(),
                    campaign.applicationId(), campaign.segmentId(), campaign.segmentVersion(), unusable.toString());
            return Optional.empty();
        }
    }

    /**
     * Pinpoint: "If you delete the segment that's associated with a campaign, the campaign fails and has a status of
     * DELETED", as a scheduled campaign's run does (CampaignRunner). An event campaign has no run to cancel.
     */
    private void segmentDeleted(CampaignResponse campaign) {
        LOG.warn("Event campaign {} of app {}: segment {} was deleted; the campaign is DELETED", campaign.id(),
                campaign.applicationId(), campaign.segmentId());
        // On the version whose segment is gone: an UpdateCampaign to another segment meanwhile wins, and is read anew.
        statuses.changeStatus(campaign, CampaignStatus.DELETED);
    }
}
