package io.pinpush.campaigns.run;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.apps.QuietTime;
import io.pinpush.campaigns.ActivityResponse;
import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.campaigns.CampaignStatus;
import io.pinpush.campaigns.Frequency;
import io.pinpush.campaigns.TreatmentResource;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItemsRequest;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/**
 * Scheduled runs with a simulated clock: the tick, the runner, the run store and activities on DynamoDB Local and
 * ElasticMQ, a recording sink in place of the push path (the end-to-end tests cover that).
 */
@ExtendWith(PinpushExtension.class)
class CampaignRunsTest {

    private static void at(RunHarness harness, String instant) {
        Duration step = Duration.between(harness.clock.instant(), Instant.parse(instant));
        assertThat(step.isNegative()).as("the test moves time forward only").isFalse();
        harness.clock.advance(step);
    }

    /** What DynamoDB's TTL does to a run's record once it is old enough. */
    private static void expireRun(LocalServer server, RunHarness harness, CampaignResponse campaign, int run) {
        server.pinpush().aws().dynamoDb().deleteItem(b -> b.tableName(server.pinpush().config().tableName(
                io.pinpush.store.Tables.CAMPAIGN_RUNS.logicalName())).key(Map.of(
                "pk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(harness.appId + "#" + campaign.id()),
                "sk", software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(String.format("run#%06d", run)))));
    }

    /** {@link #toDevices}, and its first run (03:00 UTC) started by the tick and sent. */
    private static CampaignResponse firstRunDone(RunHarness harness, int devices, Frequency frequency) {
        CampaignResponse campaign = toDevices(harness, devices, null, frequency);
        at(harness, "2026-12-10T03:00:00Z");
        assertThat(harness.tick().runsStarted()).isEqualTo(1);
        harness.drain();
        return campaign;
    }

    /** {@code devices} endpoints in {@code timezone}, and an IMMEDIATE one-off campaign to all of them, started by the tick. */
    private static CampaignResponse immediateOnce(RunHarness harness, int devices, String timezone) {
        harness.endpoints("e-", devices, timezone);
        CampaignResponse campaign = harness.create(harness.segmentOfAll(), RunHarness.schedule("IMMEDIATE", null,
                Frequency.ONCE, false, null, null), null, null, false);
        harness.tick();
        return campaign;
    }

    /** {@code devices} endpoints without a time zone, and a campaign to all of them from 03:00 UTC. */
    private static CampaignResponse toDevices(RunHarness harness, int devices, String end, Frequency frequency) {
        harness.endpoints("device-", devices, null);
        return harness.create(harness.segmentOfAll(), RunHarness.schedule("2026-12-10T03:00:00Z", end, frequency, false,
                null, "UTC"), null, null, false);
    }

    @Test
    void aLocalTimeRunReachesEachTimeZoneAtNineInTheMorningThere(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-09T12:00:00Z"));
        harness.endpoints("tokyo-", 3, "Asia/Tokyo");
        harness.endpoints("berlin-", 3, "Europe/Berlin");
        harness.endpoints("newyork-", 3, "America/New_York");
        harness.endpoints("nozone-", 2, null);
        CampaignResponse campaign = harness.create(harness.segmentOfAll(), RunHarness.schedule(
                "2026-12-10T09:00:00Z", null, Frequency.ONCE, true, null, "UTC"), null, null, false);

        assertThat(harness.tick().runsStarted()).as("not yet 09:00 anywhere").isZero();
        at(harness, "2026-12-09T19:00:00Z"); // 09:00 at UTC+14, the first place it can be nine
        assertThat(harness.tick().runsStarted()).isEqualTo(1);
        harness.drain(); // the plan: one slice per UTC offset of the audience
        assertThat(harness.sent).isEmpty();
        ActivityResponse activity = harness.activitiesOf(campaign).get(0);
        assertThat(activity.timezonesTotalCount()).isEqualTo(4);
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.EXECUTING);

        at(harness, "2026-12-09T23:59:00Z");
        assertThat(harness.tick().slicesReleased()).isZero();
        at(harness, "2026-12-10T00:00:00Z"); // 09:00 in Tokyo
        assertThat(harness.tick().slicesReleased()).isEqualTo(1);
        harness.drain();
        assertThat(RunHarness.ids(harness.sent)).containsExactlyInAnyOrder("tokyo-0", "tokyo-1", "tokyo-2");

        at(harness, "2026-12-10T08:00:00Z"); // 09:00 in Berlin
        harness.tick();
        harness.drain();
        at(harness, "2026-12-10T09:00:00Z"); // 09:00 in the campaign's zone (UTC), for endpoints without a zone
        harness.tick();
        harness.drain();
        assertThat(harness.sent.stream().filter(s -> s.endpointId().startsWith("nozone"))
                .map(RunHarness.Sent::at).distinct()).containsExactly(Instant.parse("2026-12-10T09:00:00Z"));
        assertThat(harness.activitiesOf(campaign).get(0).timezonesCompletedCount()).isEqualTo(3);
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.EXECUTING);

        at(harness, "2026-12-10T14:00:00Z"); // 09:00 in New York
        harness.tick();
        harness.drain();
        assertThat(harness.sent).hasSize(11);
        Map<String, Instant> firstSent = harness.sent.stream().collect(Collectors.toMap(s -> s.endpointId()
                .substring(0, s.endpointId().indexOf('-')), RunHarness.Sent::at, (a, b) -> a));
        assertThat(firstSent).containsEntry("tokyo", Instant.parse("2026-12-10T00:00:00Z"))
                .containsEntry("berlin", Instant.parse("2026-12-10T08:00:00Z"))
                .containsEntry("newyork", Instant.parse("2026-12-10T14:00:00Z"));
        ActivityResponse done = harness.activitiesOf(campaign).get(0);
        assertThat(done.state()).isEqualTo("COMPLETED");
        assertThat(done.timezonesCompletedCount()).isEqualTo(4);
        assertThat(done.totalEndpointCount()).isEqualTo(11);
        assertThat(done.result()).isEqualTo("SUCCESS");
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void anEarlierRunFinishingAfterTheLastOneLeavesTheCampaignCompleted(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = toDevices(harness, 3, "2026-12-10T04:30:00Z", Frequency.HOURLY);
        at(harness, "2026-12-10T03:00:00Z");
        assertThat(harness.tick().runsStarted()).isEqualTo(1);
        List<String> firstRun = harness.takeWorkItems();
        at(harness, "2026-12-10T04:00:00Z");
        assertThat(harness.tick().runsStarted()).isEqualTo(1);
        List<String> lastRun = harness.takeWorkItems();

        lastRun.forEach(harness.runs::process);
        harness.drain();
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);
        firstRun.forEach(harness.runs::process); // the first run's shard items, slowed down, finish last
        harness.drain();

        assertThat(harness.status(campaign)).as("the last run's status stands").isEqualTo(CampaignStatus.COMPLETED);
        assertThat(harness.sent).hasSize(6);
    }

    @Test
    void twoUpdatesHeardInReverseOrderLeaveTheLaterVersionsSchedule(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse created = toDevices(harness, 2, null, Frequency.ONCE);
        CampaignResponse paused = harness.storeUntold(created, true);
        CampaignResponse resumed = harness.storeUntold(paused, false);

        harness.runs.scheduler().saved(resumed);
        harness.runs.scheduler().saved(paused); // the pause's call to the scheduler, delayed, lands last

        at(harness, "2026-12-10T03:00:00Z");
        assertThat(harness.tick().runsStarted()).as("the resumed version's schedule stands").isEqualTo(1);
        harness.drain();
        assertThat(harness.sent).hasSize(2);
        assertThat(harness.status(resumed)).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void aRunArmedAgainAfterItFinishedIsNotStartedAgain(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = firstRunDone(harness, 3, Frequency.ONCE);
        assertThat(harness.sent).hasSize(3);
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);

        // An UpdateCampaign that read the next run just before the tick started it arms the same run once more.
        harness.armAgain(campaign, 0);
        at(harness, "2026-12-10T03:01:00Z");

        assertThat(harness.tick().runsStarted()).isZero();
        harness.drain();
        assertThat(harness.sent).hasSize(3);
        assertThat(harness.status(campaign)).as("the finished run stays finished").isEqualTo(CampaignStatus.COMPLETED);
        assertThat(harness.tick().runsStarted()).as("and is no longer armed").isZero();
    }

    @Test
    void endpointsInQuietTimeAreSkippedAndCountedAndTheAppsQuietTimeAppliesWhenTheCampaignHasNone(
            LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        harness.endpoints("berlin-", 2, "Europe/Berlin");     // 04:00 at 03:00Z: quiet
        harness.endpoints("newyork-", 2, "America/New_York"); // 22:00: quiet (Start is included)
        harness.endpoints("tokyo-", 2, "Asia/Tokyo");         // 12:00: not quiet
        harness.endpoints("nozone-", 2, null);                // no local time: never quiet, as in Pinpoint
        String segment = harness.segmentOfAll();
        CampaignResponse campaign = harness.create(segment, RunHarness.schedule("2026-12-10T03:00:00Z", null,
                Frequency.ONCE, false, new QuietTime("08:00", "22:00"), "UTC"), null, null, false);

        at(harness, "2026-12-10T03:00:00Z");
        harness.tick();
        List<CampaignRunner.ShardReport> reports = harness.drain();

        assertThat(RunHarness.ids(harness.sent)).containsExactlyInAnyOrder("tokyo-0", "tokyo-1", "nozone-0", "nozone-1");
        assertThat(reports.stream().mapToInt(CampaignRunner.ShardReport::quiet).sum()).isEqualTo(4);
        assertThat(harness.activitiesOf(campaign).get(0).totalEndpointCount()).isEqualTo(4);

        // The app's QuietTime (application settings) when the campaign sets none: Tokyo's 12:00 is quiet there.
        pinpoint.updateApplicationSettings(b -> b.applicationId(harness.appId).writeApplicationSettingsRequest(r -> r
                .quietTime(q -> q.start("11:00").end("13:00"))));
        harness.sent.clear();
        harness.create(segment, RunHarness.schedule("2026-12-10T03:00:00Z", null, Frequency.ONCE, false, null, "UTC"),
                null, null, false);
        harness.tick();
        reports = harness.drain();
        assertThat(RunHarness.ids(harness.sent)).containsExactlyInAnyOrder("berlin-0", "berlin-1", "newyork-0",
                "newyork-1", "nozone-0", "nozone-1");
        assertThat(reports.stream().mapToInt(CampaignRunner.ShardReport::quiet).sum()).isEqualTo(2);
    }

    @Test
    void quietTimeIsJudgedWhenTheMessagesGoOutNotAtTheSlicesStart(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        harness.endpoints("berlin-", 2, "Europe/Berlin");     // 04:00 at the start (quiet), 13:30 when sent
        harness.endpoints("newyork-", 2, "America/New_York"); // 22:00 at the start, 07:30 when sent: quiet both times
        harness.endpoints("tokyo-", 2, "Asia/Tokyo");         // 12:00 at the start, 21:30 when sent
        CampaignResponse campaign = harness.create(harness.segmentOfAll(), RunHarness.schedule("2026-12-10T03:00:00Z",
                null, Frequency.ONCE, false, new QuietTime("08:00", "22:00"), "UTC"), null, null, false);

        at(harness, "2026-12-10T03:00:00Z");
        harness.tick();
        at(harness, "2026-12-10T12:30:00Z"); // the work items are processed late (a backlog, a resumed campaign)
        List<CampaignRunner.ShardReport> reports = harness.drain();

        assertThat(RunHarness.ids(harness.sent)).containsExactlyInAnyOrder("berlin-0", "berlin-1", "tokyo-0", "tokyo-1");
        assertThat(reports.stream().mapToInt(CampaignRunner.ShardReport::quiet).sum()).isEqualTo(2);
        assertThat(harness.activitiesOf(campaign).get(0).totalEndpointCount()).isEqualTo(4);
    }

    @Test
    void aCampaignWhoseSegmentWasDeletedIsDeletedAndRunsNoMore(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        harness.endpoints("berlin-", 2, "Europe/Berlin");
        String segment = harness.segmentOfAll();
        CampaignResponse campaign = harness.create(segment, RunHarness.schedule("2026-12-10T03:00:00Z", null,
                Frequency.DAILY, false, null, "UTC"), null, null, false);
        pinpoint.deleteSegment(b -> b.applicationId(harness.appId).segmentId(segment));

        at(harness, "2026-12-10T03:00:00Z");
        harness.tick();
        harness.drain();

        // Pinpoint: "If you delete the segment that's associated with a campaign, the campaign fails and has a
        // status of DELETED." (Before, the work item failed until it was dead-lettered, the campaign EXECUTING.)
        assertThat(harness.sent).isEmpty();
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.DELETED);
        assertThat(harness.activitiesOf(campaign)).singleElement().satisfies(activity -> {
            assertThat(activity.state()).isEqualTo("CANCELLED");
            assertThat(activity.result()).isEqualTo("FAIL");
        });
        at(harness, "2026-12-11T03:00:00Z");
        assertThat(harness.tick().runsStarted()).as("no later run").isZero();
        assertThat(new RunStore(server.pinpush().aws().dynamoDb(), server.pinpush().config())
                .markedEnded(harness.appId, campaign.id())).as("for good, after its run records expire too").isTrue();
    }

    @Test
    void aRunWhoseSegmentWasDeletedDoesNotDeleteACampaignMovedToAnotherSegmentMeanwhile(LocalServer server,
                                                                                       PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        harness.endpoints("berlin-", 2, "Europe/Berlin");
        String first = harness.segmentOfAll();
        CampaignResponse campaign = harness.create(first, RunHarness.schedule("2026-12-10T03:00:00Z", null,
                Frequency.DAILY, false, null, "UTC"), null, null, false);
        at(harness, "2026-12-10T03:00:00Z");
        assertThat(harness.tick().runsStarted()).isEqualTo(1); // its work queued, not done yet

        pinpoint.deleteSegment(b -> b.applicationId(harness.appId).segmentId(first));
        harness.moveToSegment(campaign, harness.segmentOfAll());
        harness.drain();

        // The run of the old version ends as its segment did; the campaign, on its new segment, goes on.
        assertThat(harness.activitiesOf(campaign)).singleElement()
                .satisfies(activity -> assertThat(activity.state()).isEqualTo("CANCELLED"));
        assertThat(harness.status(campaign)).as("the run ended, not DELETED").isEqualTo(CampaignStatus.PENDING_NEXT_RUN);
        at(harness, "2026-12-11T03:00:00Z");
        assertThat(harness.tick().runsStarted()).isEqualTo(1);
        harness.drain();
        assertThat(RunHarness.ids(harness.sent)).containsExactlyInAnyOrder("berlin-0", "berlin-1");
    }

    @Test
    void maximumDurationCountsFromEachTimeZonesOwnStart(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-09T12:00:00Z"));
        harness.endpoints("berlin-", 1, "Europe/Berlin");
        harness.endpoints("newyork-", 1, "America/New_York");
        pinpoint.updateApplicationSettings(b -> b.applicationId(harness.appId).writeApplicationSettingsRequest(r -> r
                .limits(l -> l.maximumDuration(3600))));
        harness.create(harness.segmentOfAll(), RunHarness.schedule("2026-12-10T09:00:00Z", null, Frequency.ONCE, true,
                null, "UTC"), null, null, false);

        // The run starts where it is first 09:00 (the plan), then each zone's slice at its own 09:00.
        for (String at : List.of("2026-12-09T19:00:00Z", "2026-12-10T08:00:00Z", "2026-12-10T14:00:00Z")) {
            at(harness, at);
            harness.tick();
            harness.drain();
        }

        // Each zone may send for an hour after its own 09:00 (from the campaign zone's, New York's was long over).
        assertThat(harness.sent).extracting(RunHarness.Sent::endpointId, RunHarness.Sent::sendBy).containsExactlyInAnyOrder(
                org.assertj.core.groups.Tuple.tuple("berlin-0", "2026-12-10T09:00:00Z"),
                org.assertj.core.groups.Tuple.tuple("newyork-0", "2026-12-10T15:00:00Z"));
    }

    @Test
    void aRunThatEndsAfterItsScheduleWasChangedToOneWithNoRunLeftCompletesTheCampaign(LocalServer server,
                                                                                       PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = toDevices(harness, 3, null, Frequency.DAILY);
        at(harness, "2026-12-10T03:00:00Z");
        assertThat(harness.tick().runsStarted()).isEqualTo(1); // started as the first of many

        // Made a one-off at the time it already ran: the new schedule has no run left.
        harness.reschedule(campaign, RunHarness.schedule("2026-12-10T03:00:00Z", null, Frequency.ONCE, false, null, "UTC"));
        harness.drain();

        assertThat(harness.sent).hasSize(3);
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);
        at(harness, "2026-12-11T03:00:00Z");
        assertThat(harness.tick().runsStarted()).isZero();
    }

    @Test
    void aRunThatEndsAfterItsCampaignWasChangedToEventLeavesItWaitingForEvents(LocalServer server,
                                                                               PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = toDevices(harness, 3, null, Frequency.DAILY);
        at(harness, "2026-12-10T03:00:00Z");
        assertThat(harness.tick().runsStarted()).isEqualTo(1);

        // Sent on events from now on: the schedule has no run for the tick, but the campaign is not done. The change
        // lands as the run ends, after its last work item read the campaign (still DAILY).
        var changed = harness.changeWhen(request -> request instanceof GetItemRequest get
                        && "next".equals(get.key().get("sk").s()),
                () -> harness.reschedule(campaign, RunHarness.schedule("2026-12-10T03:00:00Z", null, Frequency.EVENT,
                        false, null, "UTC")));
        harness.drain();
        assertThat(changed).isTrue();

        assertThat(harness.sent).hasSize(3);
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.PENDING_NEXT_RUN);
    }

    @Test
    void aOneOffChangedToEventDuringItsRunWaitsForEventsWhenTheRunEnds(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = toDevices(harness, 3, null, Frequency.ONCE);
        at(harness, "2026-12-10T03:00:00Z");
        assertThat(harness.tick().runsStarted()).isEqualTo(1); // its only run

        harness.reschedule(campaign, RunHarness.schedule("2026-12-10T03:00:00Z", null, Frequency.EVENT, false, null, "UTC"));
        harness.drain();

        assertThat(harness.sent).hasSize(3);
        assertThat(harness.status(campaign)).as("live for the trigger path").isEqualTo(CampaignStatus.PENDING_NEXT_RUN);
    }

    @Test
    void aTickThatFindsACampaignChangedToEventBeforeTheSchedulerDoesLeavesItWaitingForEvents(LocalServer server,
                                                                                            PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = firstRunDone(harness, 3, Frequency.DAILY);
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.PENDING_NEXT_RUN);

        // Changed to EVENT; the update's call to the scheduler failed, and the tick finds the next run due.
        harness.rescheduleUntold(campaign, RunHarness.schedule("2026-12-10T03:00:00Z", null, Frequency.EVENT, false, null,
                "UTC"));
        at(harness, "2026-12-11T03:00:00Z");
        assertThat(harness.tick().runsStarted()).isZero();

        assertThat(harness.status(campaign)).as("live for the trigger path").isEqualTo(CampaignStatus.PENDING_NEXT_RUN);
        assertThat(new RunStore(server.pinpush().aws().dynamoDb(), server.pinpush().config())
                .markedEnded(harness.appId, campaign.id())).as("its runs are not marked ended").isFalse();
    }

    @Test
    void aCampaignWhoseRunsHaveAllStartedIsNotRunAgainOnceTheirRecordsExpire(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = firstRunDone(harness, 3, Frequency.ONCE);
        assertThat(harness.sent).hasSize(3);
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);

        // Thirty days on, DynamoDB's TTL has removed the run's records.
        at(harness, "2027-01-15T03:00:00Z");
        expireRun(server, harness, campaign, 0);
        harness.reschedule(campaign, campaign.schedule()); // an UpdateCampaign, its description say

        assertThat(harness.tick().runsStarted()).isZero();
        at(harness, "2027-01-16T03:00:00Z");
        assertThat(harness.tick().runsStarted()).isZero();
        harness.drain();
        assertThat(harness.sent).as("no device reached twice").hasSize(3);
    }

    /** {@code schedulerTold} false: the update's call to the scheduler failed, and the tick finds the cut at the run. */
    @ParameterizedTest(name = "the scheduler told of the cut: {0}")
    @ValueSource(booleans = {true, false})
    void aCampaignCutShortByAnUpdateIsNotRunAgainOnceItsRunRecordsExpire(boolean schedulerTold, LocalServer server,
                                                                        PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = firstRunDone(harness, 3, Frequency.DAILY);

        // After the first run the schedule is cut to end before the second: no run is left.
        at(harness, "2026-12-10T05:00:00Z");
        var cut = RunHarness.schedule("2026-12-10T03:00:00Z", "2026-12-10T06:00:00Z", Frequency.DAILY, false, null, "UTC");
        if (schedulerTold) {
            harness.reschedule(campaign, cut);
        } else {
            harness.rescheduleUntold(campaign, cut);
        }
        at(harness, "2026-12-11T03:00:00Z");
        assertThat(harness.tick().runsStarted()).isZero();
        if (!schedulerTold) {
            // (Told, the scheduler leaves the status to UpdateCampaign, which this harness does not run: the
            // end-to-end test checks that path.)
            assertThat(harness.status(campaign)).as("done, not waiting for a run").isEqualTo(CampaignStatus.COMPLETED);
        }

        // Thirty days on, DynamoDB's TTL has removed the run's records, and the campaign is given a schedule again.
        at(harness, "2027-01-15T03:00:00Z");
        expireRun(server, harness, campaign, 0);
        harness.reschedule(campaign, RunHarness.schedule("2027-01-16T03:00:00Z", null, Frequency.DAILY, false, null, "UTC"));
        at(harness, "2027-01-16T03:00:00Z");
        assertThat(harness.tick().runsStarted()).as("its runs have all started, as before the records expired").isZero();
        harness.drain();
        assertThat(harness.sent).as("no device reached twice").hasSize(3);
    }

    @Test
    void aCampaignThatHasNotRunYetChangedToImmediateIsSentAtOnce(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = toDevices(harness, 3, null, Frequency.ONCE); // due at 03:00

        // At 02:30 the user changes it to "send now". IMMEDIATE counts from the campaign's creation (02:00), before
        // now: it must not read as a run already missed.
        at(harness, "2026-12-10T02:30:00Z");
        harness.reschedule(campaign, RunHarness.schedule("IMMEDIATE", null, Frequency.ONCE, false, null, "UTC"));
        assertThat(harness.tick().runsStarted()).as("sent at once").isEqualTo(1);
        harness.drain();
        assertThat(harness.sent).hasSize(3);
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);

        at(harness, "2026-12-10T03:00:00Z");
        assertThat(harness.tick().runsStarted()).as("the old 03:00 run is gone").isZero();
        assertThat(harness.sent).hasSize(3);
    }

    @Test
    void endpointsClaimedWhenTheirWorkItemBrokeAreSentWhenItIsDeliveredAgain(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T10:00:00Z"));
        CampaignResponse campaign = immediateOnce(harness, 120, null);
        List<String> workItems = harness.takeWorkItems();
        java.util.concurrent.atomic.AtomicInteger claims = new java.util.concurrent.atomic.AtomicInteger();
        // The twentieth claim fails: the endpoints claimed before it in that work item are neither queued nor sent.
        harness.failOnce.set(request -> request instanceof software.amazon.awssdk.services.dynamodb.model.PutItemRequest put
                && put.item().get("pk").s().startsWith("claim#") && claims.incrementAndGet() == 20);

        List<String> broke = new java.util.ArrayList<>();
        for (String item : workItems) {
            try {
                harness.runs.process(item);
            } catch (RuntimeException e) {
                broke.add(item);
            }
        }
        assertThat(broke).hasSize(1);
        harness.runs.process(broke.get(0)); // SQS delivers it again

        assertThat(harness.sent).hasSize(120);
        assertThat(new HashSet<>(RunHarness.ids(harness.sent))).hasSize(120);
        ActivityResponse activity = harness.activitiesOf(campaign).get(0);
        assertThat(activity.totalEndpointCount()).isEqualTo(120);
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void aWorkItemDeliveredAgainAfterItsRunEndedLeavesTheEndAsItWas(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T10:00:00Z"));
        CampaignResponse campaign = immediateOnce(harness, 10, null);
        List<String> workItems = harness.takeWorkItems();
        workItems.forEach(harness.runs::process);
        ActivityResponse ended = harness.activitiesOf(campaign).get(0);
        assertThat(ended.state()).isEqualTo("COMPLETED");

        at(harness, "2026-12-10T11:00:00Z");
        harness.runs.process(workItems.get(workItems.size() - 1)); // SQS delivers the last one again, an hour on

        assertThat(harness.activitiesOf(campaign).get(0).end()).as("the activity's end").isEqualTo(ended.end());
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void aRunWhoseEndFailedHalfwayIsEndedByItsRedeliveredWorkItem(LocalServer server, PinpointClient pinpoint) {
        // Where the last shard's completion can break: counting the slice on its run, reading the run, ending it.
        List<java.util.function.Supplier<java.util.function.Predicate<software.amazon.awssdk.core.SdkRequest>>> breaks =
                List.of(() -> request -> request instanceof TransactWriteItemsRequest write && write.transactItems()
                                .stream().anyMatch(item -> item.update() != null
                                        && item.update().updateExpression().contains("completed")),
                        () -> { // the run read again once its slices are counted (the first read starts the work item)
                            java.util.concurrent.atomic.AtomicInteger reads = new java.util.concurrent.atomic.AtomicInteger();
                            return request -> request instanceof GetItemRequest get
                                    && get.key().get("sk").s().equals("run#000000") && reads.incrementAndGet() == 2;
                        },
                        () -> request -> request instanceof UpdateItemRequest update
                                && update.updateExpression().contains("#state"));
        for (var fault : breaks) {
            RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T10:00:00Z"));
            CampaignResponse campaign = immediateOnce(harness, 30, null);
            List<String> workItems = harness.takeWorkItems();
            for (String item : workItems.subList(0, workItems.size() - 1)) {
                harness.runs.process(item);
            }
            String last = workItems.get(workItems.size() - 1);

            harness.failOnce.set(fault.get());
            assertThatThrownBy(() -> harness.runs.process(last)).as("the last shard's completion broke");
            assertThat(harness.failOnce.get()).as("the fault was met").isNull();
            harness.runs.process(last); // SQS delivers it again

            assertThat(harness.sent).hasSize(30);
            ActivityResponse activity = harness.activitiesOf(campaign).get(0);
            assertThat(activity.state()).isEqualTo("COMPLETED");
            assertThat(activity.timezonesCompletedCount()).isEqualTo(1);
            assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);
        }
    }

    @Test
    void processingTheSameWorkItemsTwiceSendsEachEndpointOnceAndCountsItOnce(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T10:00:00Z"));
        CampaignResponse campaign = immediateOnce(harness, 120, "Europe/Paris");
        List<String> workItems = harness.takeWorkItems();
        assertThat(workItems).hasSize(pinpush(harness).endpoints().shardCount(harness.appId));

        int firstPass = 0;
        int secondPassClaimed = 0;
        for (String item : workItems) {
            firstPass += harness.runs.process(item).orElseThrow().sent();
        }
        for (String item : workItems) { // a runner that crashed after sending, or SQS delivering the item again
            CampaignRunner.ShardReport again = harness.runs.process(item).orElseThrow();
            assertThat(again.sent()).isZero();
            secondPassClaimed += again.alreadyClaimed();
        }

        assertThat(firstPass).isEqualTo(120);
        assertThat(secondPassClaimed).isEqualTo(120);
        assertThat(harness.sent).hasSize(120);
        assertThat(new HashSet<>(RunHarness.ids(harness.sent))).hasSize(120);
        ActivityResponse activity = harness.activitiesOf(campaign).get(0);
        assertThat(activity.totalEndpointCount()).isEqualTo(120);
        assertThat(activity.state()).isEqualTo("COMPLETED");
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void anHourlyAbCampaignRunsEachHourUntilEndTimeWithEveryEndpointInTheSameTreatment(
            LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T09:00:00Z"));
        harness.endpoints("e-", 300, null);
        List<TreatmentResource> treatmentB = List.of(new TreatmentResource(null, "1", null, null, 40, null, null, null, "B"));
        CampaignResponse campaign = harness.create(harness.segmentOfAll(), RunHarness.schedule("2026-12-10T10:00:00Z",
                "2026-12-10T12:30:00Z", Frequency.HOURLY, false, null, "UTC"), 10, treatmentB, false);

        for (String hour : List.of("2026-12-10T10:00:00Z", "2026-12-10T11:00:00Z", "2026-12-10T12:00:00Z")) {
            at(harness, hour);
            assertThat(harness.tick().runsStarted()).as(hour).isEqualTo(1);
            harness.drain();
        }
        at(harness, "2026-12-10T13:00:00Z");
        assertThat(harness.tick().runsStarted()).as("after EndTime").isZero();

        assertThat(harness.campaigns.statuses.get(campaign.id())).containsExactly(
                CampaignStatus.EXECUTING, CampaignStatus.PENDING_NEXT_RUN, CampaignStatus.EXECUTING,
                CampaignStatus.PENDING_NEXT_RUN, CampaignStatus.EXECUTING, CampaignStatus.COMPLETED);
        List<ActivityResponse> activities = harness.activitiesOf(campaign);
        assertThat(activities).hasSize(6); // two treatments, three runs
        assertThat(activities).allSatisfy(a -> assertThat(a.state()).isEqualTo("COMPLETED"));
        assertThat(activities.stream().map(ActivityResponse::scheduledStart).distinct().sorted()).containsExactly(
                "2026-12-10T10:00:00Z", "2026-12-10T11:00:00Z", "2026-12-10T12:00:00Z");

        Map<String, Set<String>> treatmentsOf = new HashMap<>();
        harness.sent.forEach(s -> treatmentsOf.computeIfAbsent(s.endpointId(), e -> new HashSet<>()).add(s.treatmentId()));
        assertThat(treatmentsOf.values()).allSatisfy(t -> assertThat(t).hasSize(1));
        AudienceSplit split = RunPlans.split(campaign);
        for (int i = 0; i < 300; i++) {
            String id = "e-" + i;
            assertThat(treatmentsOf.getOrDefault(id, Set.of())).isEqualTo(split.treatmentOf(id).map(Set::of).orElse(Set.of()));
        }
        long heldOut = 300 - treatmentsOf.size();
        assertThat(heldOut).isBetween(10L, 55L); // 10% of 300, loosely: the 10k-endpoint check is AudienceSplitTest's
        assertThat(harness.sent).hasSize(3 * treatmentsOf.size());
    }

    @Test
    void aPausedCampaignSkipsItsRunsAndResumingSendsTheLatestDueRun(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T09:30:00Z"));
        harness.endpoints("e-", 5, null);
        CampaignResponse campaign = harness.create(harness.segmentOfAll(), RunHarness.schedule("2026-12-10T10:00:00Z",
                "2026-12-10T15:30:00Z", Frequency.HOURLY, false, null, "UTC"), null, null, false);
        at(harness, "2026-12-10T10:00:00Z");
        harness.tick();
        harness.drain();
        assertThat(harness.sent).hasSize(5);

        at(harness, "2026-12-10T10:30:00Z");
        harness.setPaused(campaign, true);
        at(harness, "2026-12-10T11:00:00Z");
        assertThat(harness.tick().runsStarted()).isZero();
        at(harness, "2026-12-10T12:00:00Z");
        assertThat(harness.tick().runsStarted()).isZero();
        assertThat(harness.sent).hasSize(5);

        at(harness, "2026-12-10T12:20:00Z");
        harness.setPaused(campaign, false);
        assertThat(harness.tick().runsStarted()).as("the 12:00 run, at once").isEqualTo(1);
        harness.drain();
        assertThat(harness.sent).hasSize(10);
        at(harness, "2026-12-10T13:00:00Z");
        assertThat(harness.tick().runsStarted()).as("then on schedule").isEqualTo(1);
        harness.drain();
        assertThat(harness.activitiesOf(campaign).stream().map(ActivityResponse::scheduledStart).sorted()).containsExactly(
                "2026-12-10T10:00:00Z", "2026-12-10T12:00:00Z", "2026-12-10T13:00:00Z");
    }

    @Test
    void aRecurringCampaignGivenANewScheduleRunsOnItFromItsNextOccurrence(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = toDevices(harness, 3, null, Frequency.DAILY);
        for (String day : List.of("2026-12-10T03:00:00Z", "2026-12-11T03:00:00Z")) {
            at(harness, day);
            assertThat(harness.tick().runsStarted()).as(day).isEqualTo(1);
            harness.drain();
        }

        // Two runs in, the campaign moves to 15:00 from today: its next run is today's 15:00, not the new
        // calendar's third day (its run numbers go on from 2; the calendar starts again).
        at(harness, "2026-12-11T05:00:00Z");
        harness.reschedule(campaign, RunHarness.schedule("2026-12-11T15:00:00Z", null, Frequency.DAILY, false, null, "UTC"));
        at(harness, "2026-12-11T15:00:00Z");
        assertThat(harness.tick().runsStarted()).as("today at 15:00").isEqualTo(1);
        harness.drain();
        at(harness, "2026-12-12T03:00:00Z");
        assertThat(harness.tick().runsStarted()).as("the old time is gone").isZero();

        // Then weekly and IMMEDIATE, so counted from the campaign's creation (Thursday 02:00) a week back: its next
        // occurrence after the last run, not one at once.
        harness.reschedule(campaign, RunHarness.schedule("IMMEDIATE", null, Frequency.WEEKLY, false, null, "UTC"));
        at(harness, "2026-12-12T15:00:00Z");
        assertThat(harness.tick().runsStarted()).as("no daily run any more").isZero();
        at(harness, "2026-12-17T02:00:00Z");
        assertThat(harness.tick().runsStarted()).as("a week after the creation").isEqualTo(1);
        harness.drain();

        assertThat(harness.activitiesOf(campaign).stream().map(ActivityResponse::scheduledStart).sorted()).containsExactly(
                "2026-12-10T03:00:00Z", "2026-12-11T03:00:00Z", "2026-12-11T15:00:00Z", "2026-12-17T02:00:00Z");
        assertThat(harness.sent).hasSize(12);
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.PENDING_NEXT_RUN);
    }

    @Test
    void aTickThatFindsANewScheduleBeforeTheSchedulerDoesFollowsIt(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = firstRunDone(harness, 2, Frequency.HOURLY);

        // The 04:00 run is armed (the hourly calendar's second). UpdateCampaign stores DAILY at 15:00, and the tick at
        // 04:00 finds it before the update's call to the scheduler arrives: the armed slot counts in the old calendar.
        CampaignResponse daily = harness.rescheduleUntold(campaign,
                RunHarness.schedule("2026-12-10T15:00:00Z", null, Frequency.DAILY, false, null, "UTC"));
        at(harness, "2026-12-10T04:00:00Z");
        assertThat(harness.tick().runsStarted()).as("not tomorrow's run, now").isZero();
        harness.runs.scheduler().saved(daily); // the call arrives late, and agrees
        at(harness, "2026-12-10T05:00:00Z");
        assertThat(harness.tick().runsStarted()).as("no hourly run any more").isZero();
        at(harness, "2026-12-10T15:00:00Z");
        assertThat(harness.tick().runsStarted()).isEqualTo(1);
        harness.drain();

        // Then, the next day at 03:00, IMMEDIATE DAILY, which counts from the creation (02:00): that day's 02:00 came
        // after the last run but is past, so nothing goes out at once; the next run is the following day's.
        at(harness, "2026-12-11T03:00:00Z");
        harness.reschedule(campaign, RunHarness.schedule("IMMEDIATE", null, Frequency.DAILY, false, null, "UTC"));
        assertThat(harness.tick().runsStarted()).as("no run at once").isZero();
        at(harness, "2026-12-12T02:00:00Z");
        assertThat(harness.tick().runsStarted()).isEqualTo(1);
        harness.drain();

        assertThat(harness.activitiesOf(campaign).stream().map(ActivityResponse::scheduledStart).sorted()).containsExactly(
                "2026-12-10T03:00:00Z", "2026-12-10T15:00:00Z", "2026-12-12T02:00:00Z");
        assertThat(harness.sent).hasSize(6);
    }

    /**
     * {@code drained} false: the old schedule's run has not finished (or its start broke off) when the new one comes
     * due; it is started again as a redone run, and each run still reaches each endpoint once.
     */
    @ParameterizedTest(name = "the old run over by then: {0}")
    @ValueSource(booleans = {true, false})
    void aScheduleChangedWhileTheTickStartsARunStillGetsItsFirstRun(boolean drained, LocalServer server,
                                                                    PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = firstRunDone(harness, 3, Frequency.DAILY);

        // At 03:00 the next day the tick starts run 1 on the old schedule. Before it moves the next run on, an
        // UpdateCampaign moves the campaign to 15:00, and the scheduler, which still reads run 1 as the next, arms it
        // for 15:00. The tick's move then gives way to the scheduler's.
        at(harness, "2026-12-11T03:00:00Z");
        var updated = harness.changeWhen(request -> request instanceof UpdateItemRequest update
                        && update.updateExpression().startsWith("SET #r"),
                () -> harness.reschedule(campaign, RunHarness.schedule("2026-12-11T15:00:00Z", null, Frequency.DAILY,
                        false, null, "UTC")));
        assertThat(harness.tick().runsStarted()).isEqualTo(1);
        assertThat(updated).isTrue();
        if (drained) {
            harness.drain();
            assertThat(harness.sent).hasSize(6);
        }

        // At 15:00 the run armed as run 1 finds that number taken by the 03:00 run: it is started as run 2.
        at(harness, "2026-12-11T15:00:00Z");
        harness.tick();
        at(harness, "2026-12-11T15:01:00Z");
        harness.tick();
        harness.drain();
        assertThat(harness.sent).as("the new schedule's first run").hasSize(9);
        assertThat(harness.activitiesOf(campaign).stream().map(ActivityResponse::scheduledStart).sorted()).containsExactly(
                "2026-12-10T03:00:00Z", "2026-12-11T03:00:00Z", "2026-12-11T15:00:00Z");
        assertThat(harness.activitiesOf(campaign)).allSatisfy(a -> assertThat(a.state()).isEqualTo("COMPLETED"));
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.PENDING_NEXT_RUN);
        at(harness, "2026-12-12T15:00:00Z");
        assertThat(harness.tick().runsStarted()).as("then daily at 15:00").isEqualTo(1);
    }

    @Test
    void aOneOffChangedToImmediateWhileTheTickStartsItIsSentOnce(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T02:00:00Z"));
        CampaignResponse campaign = toDevices(harness, 3, null, Frequency.ONCE);

        // At 03:00 the tick starts it; meanwhile the user clicks "send now" (IMMEDIATE), and the scheduler, reading
        // run 0 as not yet started, arms it again on the new schedule.
        at(harness, "2026-12-10T03:00:00Z");
        var updated = harness.changeWhen(request -> request instanceof UpdateItemRequest update
                        && update.updateExpression().startsWith("SET ended"),
                () -> harness.reschedule(campaign, RunHarness.schedule("IMMEDIATE", null, Frequency.ONCE, false, null,
                        "UTC")));
        assertThat(harness.tick().runsStarted()).isEqualTo(1);
        assertThat(updated).isTrue();
        harness.drain();

        at(harness, "2026-12-10T03:01:00Z");
        harness.tick();
        at(harness, "2026-12-10T03:02:00Z");
        harness.tick();
        harness.drain();
        assertThat(harness.sent).as("each device once").hasSize(3);
        assertThat(harness.activitiesOf(campaign)).hasSize(1);
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.COMPLETED);
    }

    @Test
    void aCampaignPausedWhenItsRunComesDueIsMarkedPausedAndSendsNothing(LocalServer server, PinpointClient pinpoint) {
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T09:30:00Z"));
        harness.endpoints("e-", 3, null);
        CampaignResponse campaign = harness.create(harness.segmentOfAll(), RunHarness.schedule("2026-12-10T10:00:00Z",
                null, Frequency.ONCE, false, null, "UTC"), null, null, false);
        // Paused in the store without the scheduler hearing of it (as if the API's notification were lost).
        harness.campaigns.save(harness.setPausedQuietly(campaign));
        at(harness, "2026-12-10T10:00:00Z");
        assertThat(harness.tick().runsStarted()).isZero();
        assertThat(harness.status(campaign)).isEqualTo(CampaignStatus.PAUSED);
        assertThat(harness.sent).isEmpty();
    }

    private static io.pinpush.Pinpush pinpush(RunHarness harness) {
        return harness.pinpush;
    }
}
