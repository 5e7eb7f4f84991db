package io.pinpush.campaigns.run;

import io.pinpush.Pinpush;
import io.pinpush.apps.QuietTime;
import io.pinpush.campaigns.ActivityResponse;
import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.campaigns.CampaignState;
import io.pinpush.campaigns.CampaignStatus;
import io.pinpush.campaigns.Frequency;
import io.pinpush.campaigns.Schedule;
import io.pinpush.campaigns.TreatmentResource;
import io.pinpush.config.PinpushConfig;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.FailingDynamoDb;
import io.pinpush.testing.MutableClock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.EndpointBatchItem;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * Campaign runs on the local server's DynamoDB Local and ElasticMQ with a simulated clock: the real tick, runner,
 * scheduler and run store, a campaign source held in memory (campaigns as the API would store them), a private
 * campaign work queue drained by hand, and a sink that records who would get which treatment.
 */
final class RunHarness {

    /** One endpoint handed to the sink. */
    /** @param sendBy the instant MaximumDuration ends for it (the attribution the dispatcher enforces), or null */
    record Sent(String activityId, String treatmentId, String endpointId, Instant at, String sendBy) {
    }

    final MutableClock clock;
    final PinpointClient pinpoint;
    final Pinpush pinpush;
    final String appId;
    final Campaigns campaigns = new Campaigns();
    /** The published activities by id, each at its highest revision (as the campaign store keeps them). */
    private final Map<String, Published> activities = new ConcurrentHashMap<>();

    private record Published(long revision, ActivityResponse activity) {
    }
    final List<Sent> sent = new CopyOnWriteArrayList<>();
    final CampaignRuns runs;
    private final RunStore runStore;
    private final SqsClient sqs;
    private final String queueUrl;
    /** The runs' DynamoDB client: the server's, but for the one request {@link #failOnce} names. */
    private final DynamoDbClient dynamoDb;
    /** The next request of the runs that this matches fails, once, as a lost connection would. */
    final AtomicReference<Predicate<SdkRequest>> failOnce = new AtomicReference<>();

    /**
     * Runs {@code change} once, just before the next request of the runs that {@code at} matches is sent: a change
     * that another process makes at that very moment. The returned flag says whether it came to pass.
     */
    java.util.concurrent.atomic.AtomicBoolean changeWhen(Predicate<SdkRequest> at, Runnable change) {
        java.util.concurrent.atomic.AtomicBoolean made = new java.util.concurrent.atomic.AtomicBoolean();
        failOnce.set(request -> {
            if (at.test(request) && made.compareAndSet(false, true)) {
                failOnce.set(null);
                change.run();
            }
            return false;
        });
        return made;
    }

    RunHarness(LocalServer server, PinpointClient pinpoint, Instant now) {
        this(server, pinpoint, now, RunAdmission.ALL);
    }

    RunHarness(LocalServer server, PinpointClient pinpoint, Instant now, RunAdmission admission) {
        this.clock = new MutableClock(now);
        this.pinpoint = pinpoint;
        this.pinpush = server.pinpush();
        this.sqs = pinpush.aws().sqs();
        this.queueUrl = sqs.createQueue(b -> b.queueName("test-campaign-work-" + UUID.randomUUID())).queueUrl();
        Map<String, String> settings = new HashMap<>(pinpush.config().values());
        settings.put("PINPUSH_CAMPAIGN_QUEUE_URL", queueUrl);
        PinpushConfig config = new PinpushConfig(settings);
        this.runStore = new RunStore(pinpush.aws().dynamoDb(), config);
        this.appId = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("campaign-runs"))).applicationResponse().id();
        this.dynamoDb = FailingDynamoDb.failingWhen(pinpush.aws(), request -> {
            Predicate<SdkRequest> fault = failOnce.get();
            return fault != null && fault.test(request) && failOnce.compareAndSet(fault, null);
        });
        this.runs = new CampaignRuns(dynamoDb, () -> sqs, config, campaigns,
                (activity, revision) -> {
                    activities.merge(activity.id(), new Published(revision, activity),
                            (stored, late) -> stored.revision() >= late.revision() ? stored : late);
                    return true;
                }, pinpush.apps(), pinpush.segments(),
                pinpush.segmentAudience(), pinpush.endpoints(), admission, (run, batch) -> {
                    if (batch.size() > RunSink.BATCH) {
                        throw new AssertionError("a batch of " + batch.size());
                    }
                    batch.forEach(e -> sent.add(new Sent(run.activityId(), run.treatmentId(), e.id(), clock.instant(),
                            run.attribution().sendBy())));
                }, clock);
    }

    /** A segment of every endpoint of the app. */
    String segmentOfAll() {
        return pinpoint.createSegment(b -> b.applicationId(appId).writeSegmentRequest(r -> r.name("everyone")))
                .segmentResponse().id();
    }

    /** GCM endpoints {@code prefix0..n-1}, in {@code timezone} (null: none), 100 per batch call. */
    void endpoints(String prefix, int n, String timezone) {
        for (int from = 0; from < n; from += 100) {
            List<EndpointBatchItem> items = new ArrayList<>();
            for (int i = from; i < Math.min(n, from + 100); i++) {
                String id = prefix + i;
                items.add(EndpointBatchItem.builder().id(id).address("token-" + id).channelType("GCM")
                        .demographic(d -> d.timezone(timezone)).build());
            }
            pinpoint.updateEndpointsBatch(b -> b.applicationId(appId).endpointBatchRequest(r -> r.item(items)));
        }
    }

    /** A campaign as CreateCampaign would store it (version 1, SCHEDULED), known to the scheduler. */
    CampaignResponse create(String segmentId, Schedule schedule, Integer holdout, List<TreatmentResource> treatments,
                            boolean paused) {
        String id = UUID.randomUUID().toString().replace("-", "");
        CampaignResponse campaign = new CampaignResponse(treatments, appId, "arn:campaign/" + id,
                clock.instant().toString(), null, CampaignState.of(CampaignStatus.SCHEDULED), null, holdout, null, id,
                paused, clock.instant().toString(), null, null, "campaign", schedule, segmentId, 1,
                CampaignState.of(paused ? CampaignStatus.PAUSED : CampaignStatus.SCHEDULED), null, null, null, null, 1,
                null);
        campaigns.save(campaign);
        runs.scheduler().saved(campaign);
        return campaign;
    }

    /**
     * Arms run {@code runNumber} of {@code campaign} to be due now, as an UpdateCampaign does that read the next run
     * just before a tick started it.
     */
    void armAgain(CampaignResponse campaign, int runNumber) {
        runStore.armNext(appId, campaign.id(), new RunStore.NextRun(runNumber, runNumber, null, clock.instant(), null),
                campaign.version());
    }

    /** UpdateCampaign's new version (IsPaused as given) stored, but not told to the scheduler yet. */
    CampaignResponse storeUntold(CampaignResponse campaign, boolean paused) {
        CampaignResponse next = setPausedQuietly(campaign, paused);
        campaigns.save(next);
        return next;
    }

    /** UpdateCampaign: a new version with IsPaused as given. */
    CampaignResponse setPaused(CampaignResponse campaign, boolean paused) {
        CampaignResponse next = setPausedQuietly(campaign, paused);
        campaigns.save(next);
        runs.scheduler().saved(next);
        return next;
    }

    /** UpdateCampaign: a new version with {@code schedule}. */
    CampaignResponse reschedule(CampaignResponse campaign, Schedule schedule) {
        CampaignResponse next = rescheduleUntold(campaign, schedule);
        runs.scheduler().saved(next);
        return next;
    }

    /** UpdateCampaign: a new version sending to {@code segmentId} (at its first version). */
    CampaignResponse moveToSegment(CampaignResponse campaign, String segmentId) {
        CampaignResponse current = campaigns.current(appId, campaign.id()).orElseThrow();
        CampaignResponse moved = nextVersion(current, current.isPaused(), current.schedule());
        CampaignResponse next = new CampaignResponse(moved.additionalTreatments(), appId, moved.arn(),
                moved.creationDate(), null, moved.defaultState(), null, moved.holdoutPercent(), null, moved.id(),
                moved.isPaused(), moved.lastModifiedDate(), null, null, moved.name(), moved.schedule(), segmentId, 1,
                moved.state(), null, null, null, null, moved.version(), null);
        campaigns.save(next);
        runs.scheduler().saved(next);
        return next;
    }

    /** UpdateCampaign's new version with {@code schedule} stored, but not told to the scheduler yet. */
    CampaignResponse rescheduleUntold(CampaignResponse campaign, Schedule schedule) {
        CampaignResponse current = campaigns.current(appId, campaign.id()).orElseThrow();
        CampaignResponse next = nextVersion(current, current.isPaused(), schedule);
        campaigns.save(next);
        return next;
    }

    /** The next version, paused, not stored and not told to the scheduler. */
    CampaignResponse setPausedQuietly(CampaignResponse campaign) {
        return setPausedQuietly(campaign, true);
    }

    private CampaignResponse setPausedQuietly(CampaignResponse campaign, boolean paused) {
        CampaignResponse current = campaigns.current(appId, campaign.id()).orElseThrow();
        return nextVersion(current, paused, current.schedule());
    }

    private CampaignResponse nextVersion(CampaignResponse current, Boolean paused, Schedule schedule) {
        return new CampaignResponse(current.additionalTreatments(), appId, current.arn(),
                current.creationDate(), null, current.defaultState(), null, current.holdoutPercent(), null, current.id(),
                paused, clock.instant().toString(), null, null, current.name(), schedule, current.segmentId(),
                current.segmentVersion(), current.state(), null, null, null, null, current.version() + 1, null);
    }

    static Schedule schedule(String start, String end, Frequency frequency, boolean localTime, QuietTime quiet,
                             String timezone) {
        return new Schedule(end, null, frequency, localTime, quiet, start, timezone);
    }

    CampaignTick.Report tick() {
        return runs.tick().tick();
    }

    /** Processes every work item on the queue (and those they lead to), as the runner function would. */
    List<CampaignRunner.ShardReport> drain() {
        List<CampaignRunner.ShardReport> reports = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return reports;
            }
            for (Message message : messages) {
                runs.process(message.body()).ifPresent(reports::add);
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    /** The raw work items on the queue, taken off it (to process some of them twice). */
    List<String> takeWorkItems() {
        List<String> bodies = new ArrayList<>();
        while (true) {
            List<Message> messages = sqs.receiveMessage(b -> b.queueUrl(queueUrl).maxNumberOfMessages(10)
                    .waitTimeSeconds(0)).messages();
            if (messages.isEmpty()) {
                return bodies;
            }
            for (Message message : messages) {
                bodies.add(message.body());
                sqs.deleteMessage(b -> b.queueUrl(queueUrl).receiptHandle(message.receiptHandle()));
            }
        }
    }

    List<ActivityResponse> activitiesOf(CampaignResponse campaign) {
        return activities.values().stream().map(Published::activity)
                .filter(a -> a.campaignId().equals(campaign.id())).toList();
    }

    CampaignStatus status(CampaignResponse campaign) {
        return campaigns.current(appId, campaign.id()).orElseThrow().status();
    }

    /** Campaigns and their versions in memory, with every status change recorded. */
    static final class Campaigns implements CampaignSource {
        final Map<String, CampaignResponse> current = new ConcurrentHashMap<>();
        final Map<String, CampaignResponse> versions = new ConcurrentHashMap<>();
        final Map<String, List<CampaignStatus>> statuses = new LinkedHashMap<>();

        void save(CampaignResponse campaign) {
            current.put(campaign.id(), campaign);
            versions.put(campaign.id() + "#" + campaign.version(), campaign);
        }

        @Override
        public Optional<CampaignResponse> current(String appId, String campaignId) {
            return Optional.ofNullable(current.get(campaignId));
        }

        @Override
        public CampaignResponse version(String appId, String campaignId, int version) {
            return versions.get(campaignId + "#" + version);
        }

        @Override
        public synchronized void decideStatus(String appId, String campaignId,
                                              java.util.function.Function<CampaignResponse, Optional<CampaignStatus>> decide) {
            CampaignResponse latest = current.get(campaignId);
            Optional<CampaignStatus> status = latest == null ? Optional.empty() : decide.apply(latest);
            if (status.isEmpty()) {
                return;
            }
            current.put(campaignId, latest.withStatus(status.get(), Instant.now().toString()));
            statuses.computeIfAbsent(campaignId, id -> new ArrayList<>()).add(status.get());
        }
    }

    static List<String> ids(List<Sent> sent) {
        return sent.stream().map(Sent::endpointId).toList();
    }

    static List<String> endpointIds(List<EndpointResponse> endpoints) {
        return endpoints.stream().map(EndpointResponse::id).toList();
    }
}
