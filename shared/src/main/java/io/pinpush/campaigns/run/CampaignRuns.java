package io.pinpush.campaigns.run;

import io.pinpush.api.Json;
import io.pinpush.apps.AppService;
import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.config.PinpushConfig;
import io.pinpush.endpoints.EndpointService;
import io.pinpush.segments.SegmentAudience;
import io.pinpush.segments.SegmentService;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Campaign runs, assembled: the scheduler (what CreateCampaign/UpdateCampaign/DeleteCampaign tell), the tick (the
 * every-minute function), the runner (the work-queue function) and the activity counters (a delivery listener).
 * Admission and the sink are seams: {@link RunAdmission#ALL} and {@link CampaignSends} unless told otherwise.
 */
public final class CampaignRuns {

    private final RunStore store;
    private final RunActivities activities;
    private final ActivityCounters counters;
    private final CampaignScheduler scheduler;
    private final CampaignTick tick;
    private final CampaignRunner runner;
    private final CampaignSource campaigns;
    private final AppService apps;

    public CampaignRuns(DynamoDbClient dynamoDb, Supplier<SqsClient> sqs, PinpushConfig config,
                        CampaignSource campaigns, RunActivities.Publisher publishActivity, AppService apps,
                        SegmentService segments, SegmentAudience audience, EndpointService endpoints,
                        RunAdmission admission, RunSink sink, Clock clock) {
        this(scheduler(dynamoDb, config, clock), dynamoDb, sqs, config, campaigns, publishActivity, apps, segments,
                audience, endpoints, admission, sink, clock);
    }

    /**
     * @param scheduler made first ({@link #scheduler(DynamoDbClient, PinpushConfig, Clock)}): the campaign API,
     *                  built before the send path, tells it about saves and deletes
     */
    public CampaignRuns(CampaignScheduler scheduler, DynamoDbClient dynamoDb, Supplier<SqsClient> sqs,
                        PinpushConfig config, CampaignSource campaigns, RunActivities.Publisher publishActivity,
                        AppService apps, SegmentService segments, SegmentAudience audience, EndpointService endpoints,
                        RunAdmission admission, RunSink sink, Clock clock) {
        this.store = new RunStore(dynamoDb, config);
        this.activities = new RunActivities(dynamoDb, config, publishActivity);
        this.counters = new ActivityCounters(activities);
        this.scheduler = scheduler;
        CampaignWorkQueue work = new CampaignWorkQueue(sqs, config::campaignQueueUrl);
        this.tick = new CampaignTick(store, campaigns, activities, work, endpoints, clock);
        this.runner = new CampaignRunner(store, campaigns, activities, apps, segments, audience, endpoints, admission,
                sink, clock);
        this.campaigns = campaigns;
        this.apps = apps;
    }

    /** The scheduler alone: what CreateCampaign, UpdateCampaign and DeleteCampaign tell (a CampaignLifecycle). */
    public static CampaignScheduler scheduler(DynamoDbClient dynamoDb, PinpushConfig config, Clock clock) {
        return new CampaignScheduler(new RunStore(dynamoDb, config), clock);
    }

    public CampaignScheduler scheduler() {
        return scheduler;
    }

    public CampaignTick tick() {
        return tick;
    }

    /** Processes one campaign work-queue message body. */
    public Optional<CampaignRunner.ShardReport> process(String workItemJson) {
        return runner.process(Json.read(workItemJson, WorkItem.class));
    }

    public CampaignRunner runner() {
        return runner;
    }

    /** Counts campaign deliveries as they finish; register it with the delivery listeners. */
    public ActivityCounters counters() {
        return counters;
    }

    public RunStore store() {
        return store;
    }

    /**
     * The context of one treatment of {@code version} for a send outside a scheduled run (an event-triggered send):
     * the campaign's (or the app's) Limits and QuietTime, the treatment's message, {@code activityId} as the run.
     */
    public RunContext contextFor(CampaignResponse version, String treatmentId, String activityId,
                                 java.time.Instant scheduledStart) {
        var settings = apps.require(version.applicationId()).settings();
        RunContext.Treatment treatment = RunPlans.treatments(version).stream()
                .filter(t -> t.id().equals(treatmentId)).findFirst()
                .orElseThrow(() -> new IllegalArgumentException("Campaign " + version.id() + " has no treatment " + treatmentId));
        return new RunContext(version.applicationId(), version.id(), version.version(), 0, treatmentId, activityId,
                scheduledStart, version, treatment, RunPlans.limits(version, settings),
                RunPlans.quietTime(version, settings), RunPlans.end(version));
    }

}
