package io.pinpush.campaigns;

import io.pinpush.api.ApiError;
import io.pinpush.api.Arns;
import io.pinpush.api.Ids;
import io.pinpush.api.PageRequest;
import io.pinpush.api.Timestamps;
import io.pinpush.apps.AppScopedData;
import io.pinpush.apps.AppService;
import io.pinpush.channels.ChannelService;
import io.pinpush.segments.SegmentService;
import io.pinpush.templates.PushTemplates;
import io.pinpush.store.Page;
import io.pinpush.store.VersionedDocuments;
import io.pinpush.tags.TaggableResource;
import java.time.Clock;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Campaigns and their versions, behind the campaign operations of the API. Every write is a new version; the head
 * names the latest. A campaign is checked as a whole ({@link CampaignValidator}) before anything is written, so an
 * invalid one is a 400 with nothing stored. Running campaigns is the campaign runner's: it reads versions and
 * records activities through {@link CampaignVersions} and {@link CampaignActivities}.
 */
public final class CampaignService implements AppScopedData {

    static final int MAX_WRITE_ATTEMPTS = 20;

    /** Statuses of a campaign with no run under way that waits for one. */
    public static final Set<CampaignStatus> WAITING = EnumSet.of(CampaignStatus.SCHEDULED, CampaignStatus.PENDING_NEXT_RUN);
    /** Statuses after which a campaign runs again only when an update gives it a new schedule or segment. */
    private static final Set<CampaignStatus> FINISHED =
            EnumSet.of(CampaignStatus.COMPLETED, CampaignStatus.DELETED, CampaignStatus.INVALID);

    private final CampaignStore store;
    private final VersionedDocuments<CampaignResponse> campaigns;
    private final AppService apps;
    private final CampaignValidator validator;
    private final CampaignLifecycle lifecycle;
    private final Arns arns;
    private final Clock clock;

    /** @param lifecycle told of every committed create, update and delete (the runner's scheduler) */
    public CampaignService(CampaignStore store, AppService apps, SegmentService segments, ChannelService channels,
                           PushTemplates templates, CampaignLifecycle lifecycle, Arns arns, Clock clock) {
        this.store = store;
        this.campaigns = store.campaigns();
        this.apps = apps;
        this.validator = new CampaignValidator(segments, channels, templates, clock);
        this.lifecycle = lifecycle;
        this.arns = arns;
        this.clock = clock;
    }

    /** The campaign at {@code version}, or its latest when null; NotFoundException for an unknown app, campaign or version. */
    public CampaignResponse require(String appId, String campaignId, Integer version) {
        apps.require(appId);
        return campaigns.find(appId, campaignId, version).orElseThrow(() -> version == null
                || campaigns.head(appId, campaignId).isEmpty()
                ? notFound(appId, campaignId)
                : ApiError.notFound("Version " + version + " of campaign " + campaignId + " not found"));
    }

    CampaignResponse create(String appId, WriteCampaignRequest request) {
        apps.require(appId);
        int segmentVersion = validator.check(appId, request, true, true);
        String now = Timestamps.now(clock);
        String id = Ids.newId();
        CampaignStatus status = Boolean.TRUE.equals(request.isPaused()) ? CampaignStatus.PAUSED
                : CampaignStatus.SCHEDULED;
        CampaignResponse campaign = version(appId, id, now, now, request, segmentVersion, status, 1);
        if (!campaigns.create(campaign)) {
            throw ApiError.conflict("Campaign " + id + " already exists");
        }
        lifecycle.saved(campaign);
        return campaign;
    }

    /**
     * A new version: members present in the request replace the stored ones, absent members are kept (as
     * UpdateSegment does). AdditionalTreatments, when present, replace all treatments.
     */
    CampaignResponse update(String appId, String campaignId, WriteCampaignRequest request) {
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            CampaignResponse latest = require(appId, campaignId, null);
            WriteCampaignRequest merged = over(request, latest);
            int segmentVersion = validator.check(appId, merged, request.schedule() != null,
                    request.additionalTreatments() != null);
            CampaignResponse next = version(appId, campaignId, latest.creationDate(), Timestamps.now(clock), merged,
                    segmentVersion, statusAfterUpdate(latest, request), latest.version() + 1);
            if (campaigns.addVersion(latest, next)) {
                return lifecycle.saved(next) ? completedIfWaiting(next) : next;
            }
        }
        throw ApiError.tooManyRequests("Campaign " + campaignId + " is being updated by many requests at once; retry");
    }

    Page<CampaignResponse> list(String appId, PageRequest page) {
        apps.require(appId);
        return campaigns.heads(appId, page);
    }

    Page<CampaignResponse> versions(String appId, String campaignId, PageRequest page) {
        require(appId, campaignId, null);
        return campaigns.versions(appId, campaignId, page);
    }

    Page<ActivityResponse> activities(String appId, String campaignId, PageRequest page) {
        require(appId, campaignId, null);
        return store.list(appId, campaignId, page);
    }

    /** Deletes the campaign with its versions and activities; returns its latest version as it was. */
    CampaignResponse delete(String appId, String campaignId) {
        apps.require(appId);
        CampaignResponse deleted = store.delete(appId, campaignId).orElseThrow(() -> notFound(appId, campaignId));
        lifecycle.deleted(appId, campaignId);
        return deleted;
    }

    /** Campaign tags as a {@link TaggableResource}: TagResource and its kin on {@code apps/{id}/campaigns/{id}} ARNs. */
    public TaggableResource tags() {
        return TaggableResource.stored(arn -> campaigns.head(arn.appId(), arn.id()), CampaignResponse::tags,
                CampaignResponse::withTags, campaigns::retag);
    }

    /** DeleteApp's share: every campaign of the app with its versions and activities; the runner hears of each. */
    @Override
    public void deleteAllOf(String appId) {
        List<String> campaignIds = new ArrayList<>();
        campaigns.forEachHead(appId, campaign -> campaignIds.add(campaign.id()));
        campaigns.deleteAll(appId);
        campaignIds.forEach(id -> lifecycle.deleted(appId, id));
    }

    /**
     * A campaign waiting for its next run (or resumed) that the update left no run to start (an EndTime moved before
     * it) is done: COMPLETED, as after its last run, rather than waiting for good. One with a run under way is
     * EXECUTING; that run completes it when it ends.
     */
    private CampaignResponse completedIfWaiting(CampaignResponse saved) {
        if (!WAITING.contains(saved.status())) {
            return saved;
        }
        return store.changeStatus(saved, CampaignStatus.COMPLETED).orElse(saved);
    }

    /**
     * IsPaused pauses; an unpaused (or resumed) campaign is SCHEDULED. A finished campaign is scheduled again only
     * when the update gives it a new schedule or segment; otherwise the runner's status stands (an EXECUTING run
     * finds the new version when its next status change fails and it reads the campaign again).
     */
    private CampaignStatus statusAfterUpdate(CampaignResponse latest, WriteCampaignRequest request) {
        CampaignStatus current = latest.status();
        if (Boolean.TRUE.equals(request.isPaused())) {
            return CampaignStatus.PAUSED;
        }
        if (current == CampaignStatus.PAUSED && request.isPaused() != null) {
            return CampaignStatus.SCHEDULED;
        }
        boolean rescheduled = request.schedule() != null || request.segmentId() != null
                || request.segmentVersion() != null;
        // Unless every run has started: the scheduler will not run it again (README, "Different from Pinpoint").
        if (FINISHED.contains(current) && rescheduled
                && !lifecycle.everyRunStarted(latest.applicationId(), latest.id())) {
            return CampaignStatus.SCHEDULED;
        }
        return current;
    }

    /** {@code request} applied over the stored campaign: present members replace, absent ones keep. */
    private static WriteCampaignRequest over(WriteCampaignRequest request, CampaignResponse stored) {
        boolean segmentChanged = request.segmentId() != null && !request.segmentId().equals(stored.segmentId());
        return new WriteCampaignRequest(
                request.additionalTreatments() != null ? request.additionalTreatments()
                        : writeTreatments(stored.additionalTreatments()),
                or(request.customDeliveryConfiguration(), stored.customDeliveryConfiguration()),
                or(request.description(), stored.description()),
                or(request.holdoutPercent(), stored.holdoutPercent()),
                or(request.hook(), stored.hook()),
                or(request.isPaused(), stored.isPaused()),
                or(request.limits(), stored.limits()),
                or(request.messageConfiguration(), stored.messageConfiguration()),
                or(request.name(), stored.name()),
                or(request.schedule(), stored.schedule()),
                or(request.segmentId(), stored.segmentId()),
                // Another segment without a version means that segment's latest, not the old segment's number.
                request.segmentVersion() != null || segmentChanged ? request.segmentVersion() : stored.segmentVersion(),
                // Not processed in updates, as Pinpoint stopped processing them (the model's note of 2023).
                stored.tags(),
                or(request.templateConfiguration(), stored.templateConfiguration()),
                or(request.treatmentDescription(), stored.treatmentDescription()),
                or(request.treatmentName(), stored.treatmentName()),
                or(request.priority(), stored.priority()));
    }

    private static List<WriteTreatmentResource> writeTreatments(List<TreatmentResource> stored) {
        return stored == null ? null : stored.stream().map(t -> new WriteTreatmentResource(
                t.customDeliveryConfiguration(), t.messageConfiguration(), t.schedule(), t.sizePercent(),
                t.templateConfiguration(), t.treatmentDescription(), t.treatmentName())).toList();
    }

    private static <T> T or(T value, T fallback) {
        return value != null ? value : fallback;
    }

    /** The stored form of a checked request. Treatment ids follow their position: "1", "2", ... */
    private CampaignResponse version(String appId, String id, String created, String modified,
                                     WriteCampaignRequest w, int segmentVersion, CampaignStatus status, int version) {
        CampaignState state = CampaignState.of(status);
        List<TreatmentResource> treatments = null;
        if (w.additionalTreatments() != null && !w.additionalTreatments().isEmpty()) {
            treatments = new ArrayList<>();
            for (int i = 0; i < w.additionalTreatments().size(); i++) {
                WriteTreatmentResource t = w.additionalTreatments().get(i);
                treatments.add(new TreatmentResource(t.customDeliveryConfiguration(), Integer.toString(i + 1),
                        t.messageConfiguration(), t.schedule(), t.sizePercent(), state, t.templateConfiguration(),
                        t.treatmentDescription(), t.treatmentName()));
            }
        }
        Schedule schedule = w.schedule();
        if (schedule.frequency() == null) {
            schedule = new Schedule(schedule.endTime(), schedule.eventFilter(), Frequency.ONCE,
                    schedule.isLocalTime(), schedule.quietTime(), schedule.startTime(), schedule.timezone());
        }
        Map<String, String> tags = w.tags();
        return new CampaignResponse(treatments, appId, arns.appChild(appId, "campaigns", id), created,
                w.customDeliveryConfiguration(), state, w.description(), w.holdoutPercent(), w.hook(), id,
                Boolean.TRUE.equals(w.isPaused()), modified, w.limits(), w.messageConfiguration(), w.name(), schedule,
                w.segmentId(), segmentVersion, state, tags, w.templateConfiguration(), w.treatmentDescription(),
                w.treatmentName(), version, w.priority());
    }

    private static ApiError notFound(String appId, String campaignId) {
        return ApiError.notFound("Campaign " + campaignId + " not found in application " + appId);
    }
}
