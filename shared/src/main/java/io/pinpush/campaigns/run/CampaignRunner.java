package io.pinpush.campaigns.run;

import io.pinpush.apps.AppService;
import io.pinpush.apps.ApplicationSettings;
import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.campaigns.CampaignStatus;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointService;
import io.pinpush.segments.SegmentAudience;
import io.pinpush.segments.SegmentResponse;
import io.pinpush.segments.SegmentService;
import io.pinpush.triggers.QuietHours;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Processes campaign work items (the runner function). A shard item reads one endpoint shard of the run's pinned
 * segment version and, for each sendable member of its slice: skips it in quiet time, holds it out or picks its
 * treatment ({@link AudienceSplit}), asks {@link RunAdmission}, claims (activity, endpoint) once and for all, and
 * hands batches of at most 50 of one treatment to the {@link RunSink}. A plan item (IsLocalTime) reads the whole
 * audience once to find the run's slices: one per UTC offset its endpoints are in at the run's wall-clock time.
 *
 * <p>Processing an item twice sends nothing twice: the claims refuse the second send and the shard-done marker
 * refuses the second count. The last shard of a slice completes it; the last slice completes the run.
 */
public final class CampaignRunner {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignRunner.class);

    /** What one shard item did, counted by reason. */
    public record ShardReport(int sent, int quiet, int heldOut, int limited, int alreadyClaimed, int notThisSlice) {
    }

    private final RunStore runs;
    private final CampaignSource campaigns;
    private final ActivityLog activities;
    private final AppService apps;
    private final SegmentService segments;
    private final SegmentAudience audience;
    private final EndpointService endpoints;
    private final RunAdmission admission;
    private final RunSink sink;
    private final Clock clock;
    /** Campaign versions are immutable: one read per version per container. */
    private final Map<String, CampaignResponse> versions = new ConcurrentHashMap<>();

    public CampaignRunner(RunStore runs, CampaignSource campaigns, ActivityLog activities, AppService apps,
                          SegmentService segments, SegmentAudience audience, EndpointService endpoints,
                          RunAdmission admission, RunSink sink, Clock clock) {
        this.runs = runs;
        this.campaigns = campaigns;
        this.activities = activities;
        this.apps = apps;
        this.segments = segments;
        this.audience = audience;
        this.endpoints = endpoints;
        this.admission = admission;
        this.sink = sink;
        this.clock = clock;
    }

    /** Processes one work item; an exception leaves it on the queue for a retry. */
    public Optional<ShardReport> process(WorkItem work) {
        Optional<CampaignResponse> current = campaigns.current(work.appId(), work.campaignId());
        Optional<RunRecord> run = runs.run(work.appId(), work.campaignId(), work.runNumber());
        if (current.isEmpty() || current.get().status() == CampaignStatus.DELETED || run.isEmpty()) {
            LOG.info("Campaign {} is gone; work item for run {} dropped", work.campaignId(), work.runNumber());
            return Optional.empty();
        }
        CampaignResponse version = versions.computeIfAbsent(work.campaignId() + "#" + run.get().version(),
                key -> campaigns.version(work.appId(), work.campaignId(), run.get().version()));
        RunCalendar calendar = RunPlans.calendar(version).orElseThrow();
        Optional<SegmentResponse> segment = segments.find(version.applicationId(), version.segmentId(),
                version.segmentVersion());
        if (segment.isEmpty()) {
            boolean moved = !onSegmentOf(current.get(), version);
            segmentDeleted(run.get(), version, moved);
            if (moved && runs.shardDone(work)) {
                // Moved to another segment meanwhile, so not DELETED: this run still ends, CANCELLED, and the campaign
                // waits for its next run (on the new segment) or is done.
                sliceCompleted(run.get(), work, RunEnd.CANCELLED);
            }
            return Optional.empty();
        }
        if (work.isPlan()) {
            plan(run.get(), segment.get(), calendar);
            return Optional.empty();
        }
        ShardReport report = Boolean.TRUE.equals(current.get().isPaused())
                ? new ShardReport(0, 0, 0, 0, 0, 0) // paused mid-run: the rest of this run is not sent
                : sendShard(work, run.get(), version, segment.get(), calendar);
        if (runs.shardDone(work)) {
            sliceCompleted(run.get(), work, RunEnd.SENT);
        }
        return Optional.of(report);
    }

    /**
     * Pinpoint: "If you delete the segment that's associated with a campaign, the campaign fails and has a status of
     * DELETED." The run's activities end CANCELLED with Result FAIL, and the tick starts no later run of it.
     */
    private void segmentDeleted(RunRecord run, CampaignResponse version, boolean moved) {
        LOG.warn("Campaign {} run {}: segment {} was deleted; {}", run.campaignId(), run.runNumber(), version.segmentId(),
                moved ? "the campaign has moved to another segment since" : "the campaign is DELETED");
        endActivities(run, RunEnd.CANCELLED);
        if (!moved) {
            // Unless an UpdateCampaign moves it to another segment before this lands: its later runs send that one.
            campaigns.setStatus(run.appId(), run.campaignId(), CampaignStatus.DELETED,
                    latest -> onSegmentOf(latest, version));
        }
    }

    /** Whether {@code latest} still sends the segment (and segment version) of {@code version}. */
    private static boolean onSegmentOf(CampaignResponse latest, CampaignResponse version) {
        return Objects.equals(latest.segmentId(), version.segmentId())
                && Objects.equals(latest.segmentVersion(), version.segmentVersion());
    }

    private ShardReport sendShard(WorkItem work, RunRecord run, CampaignResponse version, SegmentResponse segment,
                                  RunCalendar calendar) {
        ApplicationSettings settings = apps.require(run.appId()).settings();
        Map<String, RunContext> contexts = RunPlans.contexts(run, version, work.slice().startsAt(), settings);
        RunContext any = contexts.values().iterator().next();
        AudienceSplit split = RunPlans.split(version);
        Predicate<EndpointResponse> inSegment = segments.membership(segment);
        Instant sliceStart = work.slice().startsAt();
        Instant now = clock.instant();
        // Quiet time is judged when the messages go out: a slice sent late (a time zone already past its start, a
        // resumed campaign) must not reach an endpoint in its quiet hours because its start time was not.
        Instant sendingAt = now.isAfter(sliceStart) ? now : sliceStart;

        int[] counts = new int[6];
        Map<String, List<EndpointResponse>> batches = new HashMap<>();
        Map<String, Long> delivered = new HashMap<>();
        try {
            audience.forEachMemberInShard(segment, inSegment, work.shard(), endpoint -> {
                if (run.localTime() && !calendar.startFor(run.local(), RunPlans.zoneOf(endpoint)).equals(sliceStart)) {
                    counts[5]++; // another time zone's slice sends it
                    return;
                }
                if (QuietHours.isQuiet(any.quietTime(), endpoint, sendingAt)) {
                    counts[1]++;
                    return;
                }
                Optional<String> treatment = split.treatmentOf(endpoint.id());
                if (treatment.isEmpty()) {
                    counts[2]++;
                    return;
                }
                RunContext context = contexts.get(treatment.get());
                if (!admission.admit(context, endpoint)) {
                    counts[3]++;
                    return;
                }
                if (!runs.claim(context.activityId(), endpoint.id(), now)) {
                    counts[4]++;
                    return;
                }
                counts[0]++;
                List<EndpointResponse> batch = batches.computeIfAbsent(treatment.get(), t -> new ArrayList<>());
                batch.add(endpoint);
                if (batch.size() >= RunSink.BATCH) {
                    deliver(context, batch, delivered);
                    batches.remove(treatment.get());
                }
            });
            for (String treatment : List.copyOf(batches.keySet())) {
                deliver(contexts.get(treatment), batches.get(treatment), delivered);
                batches.remove(treatment);
            }
        } catch (RuntimeException e) {
            // Claimed but not queued (a failed queueing, or a failure while the batches filled): given back, so that
            // the work item, delivered again, sends them.
            batches.forEach((treatment, batch) -> unclaim(contexts.get(treatment), batch));
            throw e;
        } finally {
            // What went out is counted, though the work item stops here: delivered again, it finds those claimed.
            delivered.forEach((activityId, n) -> countTotal(run, activityId, n));
        }
        return new ShardReport(counts[0], counts[1], counts[2], counts[3], counts[4], counts[5]);
    }

    /** Hands a batch to the sink and counts it as sent; if the sink fails, the caller gives the batch's claims back. */
    private void deliver(RunContext context, List<EndpointResponse> batch, Map<String, Long> delivered) {
        sink.deliver(context, List.copyOf(batch));
        delivered.merge(context.activityId(), (long) batch.size(), Long::sum);
    }

    private void unclaim(RunContext context, List<EndpointResponse> batch) {
        for (EndpointResponse endpoint : batch) {
            try {
                runs.unclaim(context.activityId(), endpoint.id());
            } catch (RuntimeException e) {
                LOG.warn("Could not give back the claim of endpoint {} on activity {}; this run does not send it",
                        endpoint.id(), context.activityId(), e);
            }
        }
    }

    private void countTotal(RunRecord run, String activityId, long endpoints) {
        try {
            activities.add(run.appId(), run.campaignId(), activityId, endpoints, 0, 0);
        } catch (RuntimeException e) {
            LOG.warn("Could not add {} endpoints to the TotalEndpointCount of activity {}", endpoints, activityId, e);
        }
    }

    /** Finds the UTC offsets of the run's audience at its wall-clock time and writes one due slice per offset. */
    private void plan(RunRecord run, SegmentResponse segment, RunCalendar calendar) {
        Map<Instant, ZoneOffset> starts = new ConcurrentHashMap<>();
        audience.forEachMember(segment, endpoint -> {
            Instant start = calendar.startFor(run.local(), RunPlans.zoneOf(endpoint));
            starts.computeIfAbsent(start, s -> (RunPlans.zoneOf(endpoint) == null ? calendar.zone()
                    : RunPlans.zoneOf(endpoint)).getRules().getOffset(s));
        });
        Instant now = clock.instant();
        int shards = endpoints.shardCount(run.appId());
        new TreeMap<>(starts).forEach((start, offset) -> runs.putSlice(run, Slice.at(start, offset.getId()), shards, true, now));
        if (runs.setSlicesTotal(run, starts.size())) {
            run.activities().values().forEach(id -> activities.timezonesTotal(run.appId(), run.campaignId(), id, starts.size()));
        }
        // No one to reach, or (a plan done again) every slice already done before the total was written.
        if (runs.finishesRun(run, runs.runItem(run))) {
            finishRun(run, RunEnd.SENT);
        }
    }

    /**
     * Every shard of the slice is done. Each step happens once, and a redelivered work item does those a failure left
     * undone: the slice counted on its run, then the run finished when it was the last.
     */
    private void sliceCompleted(RunRecord run, WorkItem work, RunEnd end) {
        if (runs.sliceCompleted(run, work)) {
            // Best effort, once: TimezonesCompletedCount is shown, not used to decide anything.
            run.activities().values().forEach(id -> activities.add(run.appId(), run.campaignId(), id, 0, 0, 1));
        }
        if (runs.finishesRun(run, runs.runItem(run))) {
            finishRun(run, end);
        }
    }

    /** How a run's activities end: sent, or cancelled (its segment deleted). */
    private enum RunEnd {
        SENT(ActivityLog.State.COMPLETED, "SUCCESS"),
        CANCELLED(ActivityLog.State.CANCELLED, "FAIL");

        final ActivityLog.State state;
        final String result;

        RunEnd(ActivityLog.State state, String result) {
            this.state = state;
            this.result = result;
        }
    }

    /**
     * Every slice is out: the activities end, the campaign waits for its next run or is done, then the run is closed.
     * Written again by a redelivered work item whose first try broke before the close: each of its writes sets, none
     * adds.
     */
    private void finishRun(RunRecord run, RunEnd end) {
        endActivities(run, end);
        settleStatus(run);
        runs.closeRun(run);
    }

    private void endActivities(RunRecord run, RunEnd end) {
        Instant now = clock.instant();
        run.activities().values().forEach(id -> activities.finished(run.appId(), run.campaignId(), id, end.state, now,
                end.result));
    }

    /**
     * After a run: the campaign waits for its next run (or for its events, changed to EVENT meanwhile), or is done (or
     * stays paused), judged on the campaign as it is now, not as the work item read it when it started.
     */
    private void settleStatus(RunRecord run) {
        String appId = run.appId();
        String campaignId = run.campaignId();
        if (runs.run(appId, campaignId, run.runNumber() + 1).isPresent()) {
            // Runs overlap (HOURLY, or local time): a later one has started, and the campaign's status is its.
            LOG.info("Campaign {} run {} finished after run {} started", campaignId, run.runNumber(), run.runNumber() + 1);
            return;
        }
        campaigns.decideStatus(appId, campaignId, latest -> Optional.of(Boolean.TRUE.equals(latest.isPaused())
                ? CampaignStatus.PAUSED
                : run.last() && RunPlans.calendar(latest).isPresent() ? CampaignStatus.COMPLETED
                : CampaignStatus.PENDING_NEXT_RUN));
        // Then, the status written, whether an update or a tick ended the schedule (an EndTime moved before the next
        // run). Each side writes its fact before it reads the other's, so one of them sees both: the tick and the
        // scheduler write the ended mark, then complete a campaign they find waiting; this run, having written
        // PENDING_NEXT_RUN, completes it if it finds the mark and no run after it (the tick marks every run started
        // only once it has written the last run's record).
        if (!run.last() && runs.markedEnded(appId, campaignId)
                && runs.run(appId, campaignId, run.runNumber() + 1).isEmpty()) {
            campaigns.decideStatus(appId, campaignId, latest -> latest.status() == CampaignStatus.PENDING_NEXT_RUN
                    && RunPlans.calendar(latest).isPresent() ? Optional.of(CampaignStatus.COMPLETED) : Optional.empty());
        }
        LOG.info("Campaign {} run {} finished", campaignId, run.runNumber());
    }
}
