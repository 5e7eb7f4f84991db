package io.pinpush.campaigns.run;

import io.pinpush.campaigns.CampaignLifecycle;
import io.pinpush.campaigns.CampaignResponse;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

/**
 * Keeps a campaign's next run in step with what was saved: CreateCampaign arms run 0, UpdateCampaign re-arms the
 * pending run on the new schedule (its first run after the last one that started: a DAILY campaign moved from 09:00
 * to 15:00 runs at 15:00 that day), IsPaused parks it, resuming re-arms it (a run missed while paused is not sent;
 * the latest one that is due is, at once), DeleteCampaign removes it. Runs already started keep the version they
 * started with.
 */
public final class CampaignScheduler implements CampaignLifecycle {

    private final RunStore runs;
    private final Clock clock;

    public CampaignScheduler(RunStore runs, Clock clock) {
        this.runs = runs;
        this.clock = clock;
    }

    /** After CreateCampaign or UpdateCampaign stored {@code campaign} (its latest version). */
    @Override
    public boolean saved(CampaignResponse campaign) {
        String appId = campaign.applicationId();
        int version = campaign.version();
        Optional<RunCalendar> calendar = RunPlans.calendar(campaign);
        if (calendar.isEmpty()) {
            runs.disarm(appId, campaign.id(), version); // an EVENT campaign: the trigger path sends it
            return false;
        }
        RunStore.RunsSoFar runsSoFar = runs.runsSoFar(appId, campaign.id());
        if (runsSoFar.everyRunStarted()) {
            return true; // every run has started already: an update does not send the campaign again
        }
        RunStore.NextRun next = runsSoFar.pending().orElse(RunStore.NextRun.FIRST);
        if (Boolean.TRUE.equals(campaign.isPaused())) {
            runs.parkNext(appId, campaign.id(), next, version);
            return false;
        }
        Optional<RunStore.NextRun> armed = pickUp(calendar.get(), next, clock.instant());
        if (armed.isEmpty() && next.hasRunsBehind()) {
            // Cut short (an EndTime moved before its next run): marked, not removed, because its run records expire
            // and a later update must not then find a campaign that never ran, and run it again.
            return runs.endRuns(appId, campaign.id(), version);
        }
        if (armed.isEmpty()) {
            runs.disarm(appId, campaign.id(), version);
            return false;
        }
        runs.armNext(appId, campaign.id(), armed.get(), version);
        return false;
    }

    /**
     * Where {@code next} stands on {@code calendar}, due when its run starts; empty when the calendar has no run left.
     * On the calendar it was armed on: the pending run, or the latest run already due if several are (a campaign
     * resumed after its runs came due sends the latest, at once). On a changed schedule the calendar starts again:
     * its first run after both the last run that started and now, so nothing goes out at once for a time already
     * past (moved to 15:00 at 16:00, it runs at 15:00 the next day). A campaign that has not run yet takes a new
     * schedule as if it had been created with it: changed to IMMEDIATE, which counts from its creation, it runs at
     * once (its only start would otherwise read as already missed, and it would never run).
     */
    static Optional<RunStore.NextRun> pickUp(RunCalendar calendar, RunStore.NextRun next, Instant now) {
        int slot;
        if (next.countsIn(calendar)) {
            slot = calendar.latestStartedFrom(next.slot(), now);
        } else if (!next.hasRunsBehind()) {
            slot = calendar.latestStartedFrom(0, now);
        } else {
            Instant previous = next.previousStart();
            slot = calendar.firstAfter(previous != null && previous.isAfter(now) ? previous : now);
        }
        return calendar.run(slot).map(local -> next.at(slot, calendar.earliestStart(local), calendar));
    }

    @Override
    public boolean everyRunStarted(String appId, String campaignId) {
        return runs.runsSoFar(appId, campaignId).everyRunStarted();
    }

    /** After DeleteCampaign: no further runs; work items still queued find the campaign gone and send nothing. */
    @Override
    public void deleted(String appId, String campaignId) {
        runs.deleteCampaign(appId, campaignId);
    }
}
