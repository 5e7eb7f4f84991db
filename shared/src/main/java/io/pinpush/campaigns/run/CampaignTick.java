package io.pinpush.campaigns.run;

import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.campaigns.CampaignService;
import io.pinpush.campaigns.CampaignStatus;
import io.pinpush.endpoints.EndpointService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The scheduler's minute: claims what is due (a campaign's next run, a local-time run's slice) with a lease, and
 * turns it into work items on the campaign work queue. Several ticks may run at once (an EventBridge schedule
 * delivers at least once): the lease decides, and everything a tick writes is safe to write again, so a tick that
 * dies is simply redone when its lease runs out.
 *
 * <p>Starting run n: the run record (pinning the campaign version, one activity per treatment), the activities
 * (RUNNING), the campaign EXECUTING; then one work item per endpoint shard (or, with IsLocalTime, one plan item
 * that finds the run's time zones); then run n+1 is armed, or the "next" item is marked ended after the last run.
 */
public final class CampaignTick {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignTick.class);
    /** Due items claimed per tick; the rest wait for the next minute (each costs a few writes). */
    private static final int PER_TICK = 50;
    /** How long a claimed item is ours; past it, another tick redoes the (idempotent) work. */
    static final Duration LEASE = Duration.ofMinutes(2);

    /** What one tick did, for logs and tests. */
    public record Report(int runsStarted, int slicesReleased) {
    }

    private final RunStore runs;
    private final CampaignSource campaigns;
    private final ActivityLog activities;
    private final CampaignWorkQueue work;
    private final EndpointService endpoints;
    private final Clock clock;

    public CampaignTick(RunStore runs, CampaignSource campaigns, ActivityLog activities, CampaignWorkQueue work,
                        EndpointService endpoints, Clock clock) {
        this.runs = runs;
        this.campaigns = campaigns;
        this.activities = activities;
        this.work = work;
        this.endpoints = endpoints;
        this.clock = clock;
    }

    public Report tick() {
        Instant now = clock.instant();
        int started = 0;
        int released = 0;
        for (RunStore.Due due : runs.due(now, PER_TICK)) {
            Optional<RunStore.Due> held = runs.lease(due, now.plus(LEASE));
            if (held.isEmpty()) {
                continue;
            }
            try {
                if (due.isNextRun()) {
                    started += startRun(held.get(), now) ? 1 : 0;
                } else {
                    released += releaseSlice(held.get()) ? 1 : 0;
                }
            } catch (RuntimeException e) {
                // The lease runs out and a later tick tries again.
                LOG.error("Campaign {}: {} failed; retried after the lease", due.campaignId(), due.sk(), e);
            }
        }
        return new Report(started, released);
    }

    private boolean startRun(RunStore.Due held, Instant now) {
        String appId = held.appId();
        String campaignId = held.campaignId();
        Optional<RunStore.NextRun> armed = runs.leasedNext(held);
        if (armed.isEmpty()) {
            return false; // removed since the query: the campaign was deleted
        }
        RunStore.NextRun next = armed.get();
        int runNumber = next.runNumber();
        Optional<CampaignResponse> current = campaigns.current(appId, campaignId);
        if (current.isEmpty()) {
            runs.finishNext(held);
            return false;
        }
        if (current.get().status() == CampaignStatus.DELETED) {
            endNext(held, next); // its segment was deleted: it runs no more
            return false;
        }
        CampaignResponse campaign = current.get();
        if (Boolean.TRUE.equals(campaign.isPaused())) {
            // Unless a later version (a resume) has rescheduled it meanwhile: then that schedule and status stand.
            if (runs.parkNext(appId, campaignId, next, campaign.version())) {
                campaigns.setStatus(appId, campaignId, CampaignStatus.PAUSED);
            }
            return false;
        }
        Optional<RunCalendar> calendar = RunPlans.calendar(campaign);
        if (calendar.isPresent() && !next.countsIn(calendar.get())) {
            // Armed on another schedule: an UpdateCampaign stored this version, and its call to the scheduler has not
            // come yet (or failed). Its slot counts in the old calendar; pick up on this one, as the scheduler would.
            CampaignScheduler.pickUp(calendar.get(), next, now).ifPresentOrElse(
                    rearmed -> runs.advanceNext(held, rearmed), () -> noRunLeft(held, next));
            return false;
        }
        if (calendar.isEmpty()) {
            runs.finishNext(held); // changed to EVENT, and the update's call to the scheduler has not come: events send it
            return false;
        }
        Optional<LocalDateTime> local = calendar.get().run(next.slot());
        if (local.isEmpty()) {
            noRunLeft(held, next);
            return false;
        }
        Map<String, String> activityIds = new LinkedHashMap<>();
        RunPlans.treatments(campaign).forEach(t -> activityIds.put(t.id(), io.pinpush.campaigns.ActivityIds.newId(now)));
        Instant startsAt = calendar.get().earliestStart(local.get());
        int followingSlot = calendar.get().firstAfter(startsAt);
        RunStore.StoredRun stored = runs.createRun(new RunRecord(appId, campaignId, runNumber, campaign.version(),
                local.get().toString(), calendar.get().localTime(), activityIds, calendar.get().run(followingSlot).isEmpty()), now);
        RunRecord run = stored.run();
        // The number can be another occurrence's: an UpdateCampaign's new schedule armed this slot with the number of
        // the run a tick was starting at that moment, on the old schedule. That run is (re)started as any redone run
        // is, on its own version's calendar, and this occurrence becomes the run after it, started by the next tick
        // (a minute late, not never), unless that run was the last: then, as for any update after the last run
        // started, nothing more is sent.
        RunCalendar runCalendar = run.version() == campaign.version() ? calendar.get()
                : RunPlans.calendar(campaigns.version(appId, campaignId, run.version())).orElse(calendar.get());
        boolean numberTaken = !runCalendar.earliestStart(run.local()).equals(startsAt);
        Runnable moveOn = () -> moveOn(held, next, run, numberTaken, startsAt, followingSlot, calendar.get());
        if (stored.finished()) {
            // Armed again after it ran: an UpdateCampaign read the next run just before the tick that started it,
            // and armed it once more. The run is over (starting it again would set the campaign EXECUTING with
            // nothing left to finish it); only the run after it is left to arm.
            moveOn.run();
            return false;
        }
        Instant scheduledStart = runCalendar.startFor(run.local(), null);
        run.activities().forEach((treatmentId, activityId) -> activities.started(appId, campaignId, activityId,
                treatmentId, scheduledStart, now, run.localTime() ? null : 1));
        campaigns.setStatus(appId, campaignId, CampaignStatus.EXECUTING);

        if (run.localTime()) {
            work.enqueue(List.of(WorkItem.plan(run)));
        } else {
            Slice slice = Slice.at(scheduledStart, null);
            int shards = endpoints.shardCount(appId);
            runs.putSlice(run, slice, shards, false, now);
            work.enqueue(shardItems(run, slice, shards));
        }
        moveOn.run();
        LOG.info("Campaign {} run {} started (version {}, activities {})", campaignId, runNumber, run.version(),
                run.activities().values());
        return true;
    }

    /**
     * After {@code run} was started (or found started) for {@code next}: the following run is armed, or the schedule
     * ended after its last one. When {@code run} is another occurrence that took this number, this occurrence is armed
     * again as the run after it, due now; unless that run was the last.
     */
    private void moveOn(RunStore.Due held, RunStore.NextRun next, RunRecord run, boolean numberTaken, Instant startsAt,
                        int followingSlot, RunCalendar calendar) {
        if (numberTaken && run.last()) {
            runs.lastRunStarted(held);
        } else if (numberTaken) {
            armFollowing(held, new RunStore.NextRun(next.runNumber() + 1, next.slot(), next.previousStart(), null, null),
                    calendar);
        } else {
            armFollowing(held, next.following(startsAt, followingSlot), calendar);
        }
    }

    /**
     * The schedule has no run for {@code next} (its EndTime was moved before it): done, unless a run is under way
     * (that run completes the campaign when it ends). The mark first, then the status: a run ending meanwhile writes
     * its status first, then reads the mark, so one of the two completes the campaign.
     */
    private void noRunLeft(RunStore.Due held, RunStore.NextRun next) {
        endNext(held, next);
        if (next.hasRunsBehind()) {
            campaigns.setStatus(held.appId(), held.campaignId(), CampaignStatus.COMPLETED,
                    latest -> CampaignService.WAITING.contains(latest.status()) && RunPlans.calendar(latest).isPresent());
        }
    }

    /**
     * No run follows {@code next}: a campaign with runs behind it is marked ended, as after its last run, so that it
     * is not run again once their records expire (an update would find a campaign that never ran); one that never
     * ran just loses its next run.
     */
    private void endNext(RunStore.Due held, RunStore.NextRun next) {
        if (next.hasRunsBehind()) {
            runs.lastRunStarted(held);
        } else {
            runs.finishNext(held);
        }
    }

    /** Moves the next-run item on to {@code following}, or marks it ended when the calendar has no such run. */
    private void armFollowing(RunStore.Due held, RunStore.NextRun following, RunCalendar calendar) {
        Optional<LocalDateTime> local = calendar.run(following.slot());
        if (local.isPresent()) {
            runs.advanceNext(held, following.at(following.slot(), calendar.earliestStart(local.get()), calendar));
        } else {
            runs.lastRunStarted(held);
        }
    }

    private boolean releaseSlice(RunStore.Due held) {
        int runNumber = RunStore.runNumberOf(held);
        Optional<RunRecord> run = runs.run(held.appId(), held.campaignId(), runNumber);
        if (run.isEmpty()) {
            runs.release(held);
            return false;
        }
        Slice slice = runs.slice(held);
        work.enqueue(shardItems(run.get(), slice, endpoints.shardCount(held.appId())));
        runs.release(held);
        return true;
    }

    static List<WorkItem> shardItems(RunRecord run, Slice slice, int shards) {
        List<WorkItem> items = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            items.add(WorkItem.shard(run, slice, shard));
        }
        return items;
    }

}
