package io.pinpush;

import io.pinpush.access.AccessControl;
import io.pinpush.analytics.KpiCounters;
import io.pinpush.analytics.CampaignKpiCounters;
import io.pinpush.analytics.CampaignKpiService;
import io.pinpush.analytics.KpiRoutes;
import io.pinpush.analytics.KpiService;
import io.pinpush.analytics.UniqueRecipients;
import io.pinpush.api.Arns;
import io.pinpush.api.Route;
import io.pinpush.api.Router;
import io.pinpush.audit.AuditRoutes;
import io.pinpush.audit.AuditStore;
import io.pinpush.audit.AuditTrail;
import io.pinpush.apps.AppRoutes;
import io.pinpush.apps.AppService;
import io.pinpush.apps.AppStore;
import io.pinpush.campaigns.CampaignActivities;
import io.pinpush.campaigns.CampaignRoutes;
import io.pinpush.campaigns.CampaignService;
import io.pinpush.campaigns.CampaignStore;
import io.pinpush.campaigns.CampaignVersions;
import io.pinpush.channels.ChannelType;
import io.pinpush.channels.ChannelRoutes;
import io.pinpush.channels.ChannelSecrets;
import io.pinpush.channels.ChannelService;
import io.pinpush.channels.ChannelStore;
import io.pinpush.campaigns.run.CampaignRuns;
import io.pinpush.campaigns.run.CampaignSends;
import io.pinpush.campaigns.run.CampaignScheduler;
import io.pinpush.campaigns.run.StoredCampaigns;
import io.pinpush.campaigns.run.RunSink;
import io.pinpush.config.AwsClients;
import io.pinpush.config.Lazy;
import io.pinpush.config.PinpushConfig;
import io.pinpush.customdelivery.CustomDeliverySender;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointRoutes;
import io.pinpush.endpoints.EndpointService;
import io.pinpush.endpoints.EndpointStore;
import io.pinpush.endpoints.EndpointRequest;
import io.pinpush.events.BatchWriter;
import io.pinpush.events.Destination;
import io.pinpush.events.DestinationSinks;
import io.pinpush.events.EventEnvelopes;
import io.pinpush.events.EventPublisher;
import io.pinpush.events.EventRecorder;
import io.pinpush.events.EventRoutes;
import io.pinpush.events.EventSpill;
import io.pinpush.events.EventStreamService;
import io.pinpush.events.EventStreamStore;
import io.pinpush.events.FileEventSpill;
import io.pinpush.events.PutEventsService;
import io.pinpush.events.SpillReplayer;
import io.pinpush.events.SqsEventSpill;
import io.pinpush.hooks.Hooks;
import io.pinpush.jobs.ImportedSegments;
import io.pinpush.jobs.JobQueue;
import io.pinpush.jobs.JobRoutes;
import io.pinpush.jobs.JobRunner;
import io.pinpush.jobs.JobService;
import io.pinpush.jobs.ObjectStorages;
import io.pinpush.limits.CampaignCapsAdmission;
import io.pinpush.limits.CampaignPacing;
import io.pinpush.limits.EndpointCaps;
import io.pinpush.hooks.HookedRunSink;
import io.pinpush.apps.ApplicationSettings;
import io.pinpush.limits.SendRateLimiter;
import io.pinpush.messaging.ChannelDirectory;
import io.pinpush.messaging.DeadLetterSettler;
import io.pinpush.messaging.DeliveryListener;
import io.pinpush.messaging.DeliveryListeners;
import io.pinpush.messaging.DeliveryReportRoutes;
import io.pinpush.messaging.DeliveryReports;
import io.pinpush.messaging.DeliveryQueue;
import io.pinpush.messaging.DeliveryStore;
import io.pinpush.messaging.Dispatcher;
import io.pinpush.messaging.EndpointDirectory;
import io.pinpush.messaging.MessageTemplates;
import io.pinpush.messaging.MessagingRoutes;
import io.pinpush.messaging.MessagingService;
import io.pinpush.messaging.OutcomeSignal;
import io.pinpush.messaging.PoisonQueue;
import io.pinpush.messaging.RecipientResolver;
import io.pinpush.messaging.RetryPolicy;
import io.pinpush.messaging.SendPlanner;
import io.pinpush.messaging.StreamedOutcomes;
import io.pinpush.metrics.DeliveryMetrics;
import io.pinpush.providers.ProviderChannel;
import io.pinpush.providers.ProviderGateway;
import io.pinpush.providers.PushRenderer;
import io.pinpush.providers.PushRenderers;
import io.pinpush.quotas.QuotaCounters;
import io.pinpush.quotas.QuotaGuard;
import io.pinpush.quotas.QuotaRoutes;
import io.pinpush.quotas.QuotaService;
import io.pinpush.quotas.QuotaStore;
import io.pinpush.secrets.SecretStore;
import io.pinpush.segments.SegmentAudience;
import io.pinpush.segments.SegmentEvaluator;
import io.pinpush.segments.SegmentRoutes;
import io.pinpush.segments.SegmentService;
import io.pinpush.templates.PushTemplate;
import io.pinpush.templates.PushTemplateService;
import io.pinpush.templates.PushTemplateStore;
import io.pinpush.templates.PushTemplates;
import io.pinpush.templates.TemplateRenderer;
import io.pinpush.templates.TemplateRenderingException;
import io.pinpush.templates.TemplateRoutes;
import io.pinpush.campaigns.CampaignTriggeredSends;
import io.pinpush.campaigns.StoredEventCampaigns;
import io.pinpush.triggers.TriggerEvaluator;
import io.pinpush.triggers.Triggers;
import io.pinpush.tags.ResourceArn.ResourceType;
import io.pinpush.tags.TagRoutes;
import io.pinpush.tags.TagService;
import io.pinpush.tags.TaggableResources;
import java.security.SecureRandom;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collection;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * The composition root: every store and service of Pinpush, wired by hand from one configuration.
 *
 * <p>No DI framework: construction is plain code that runs once per Lambda container (and before a
 * SnapStart snapshot), and a newcomer can read the whole object graph here.
 */
public final class Pinpush implements AutoCloseable {

    /** The channels Pinpush renders and delivers notifications for: every push channel. */
    private static final List<ChannelType> RENDERED_CHANNELS = java.util.Arrays.stream(ChannelType.values())
            .filter(ChannelType::isPush).toList();

    private final PinpushConfig config;
    private final AwsClients aws;
    private final Clock clock;
    private final SecretStore secrets;
    private final AppService apps;
    private final EndpointService endpoints;
    private final ChannelService channels;
    private final PushTemplateService templates;
    private final SegmentService segments;
    private final SegmentAudience segmentAudience;
    private final PushTemplates pushTemplates;
    private final TemplateRenderer templateRenderer;
    private final EventStreamService eventStreams;
    private final EventPublisher eventPublisher;
    private final EventRecorder events;
    private final PutEventsService putEvents;
    private final Optional<SpillReplayer> spillReplayer;
    private final DeliveryStore deliveries;
    private final DeliveryQueue deliveryQueue;
    private final MessagingService messaging;
    private final EndpointDirectory endpointDirectory;
    private final DeliveryListener deliveryListener;
    private final DeliveryReports deliveryReports;
    private final DeliveryMetrics deliveryMetrics;
    private final KpiCounters kpiCounters;
    private final CampaignKpiCounters campaignKpiCounters;
    private final CampaignKpiService campaignKpis;
    private final KpiService kpis;
    private final Lazy<ProviderGateway> gateway;
    private final Lazy<Dispatcher> dispatcher;
    private final TriggerEvaluator triggers;
    /** Lazy: its HTTP client must not be created before a SnapStart snapshot, nor by functions that never call hooks. */
    private final Lazy<Hooks> hooks;
    private final CampaignStore campaignStore;
    private final CampaignService campaigns;
    private final CampaignRuns campaignRuns;
    private final InvocationFlush invocationFlush;
    private final CampaignSends campaignSends;
    private final EndpointCaps endpointCaps;
    private final TaggableResources taggable;
    private final TagService tags;
    private final AccessControl access;
    private final AuditStore auditStore;
    private final AuditTrail auditTrail;
    private final QuotaService quotas;
    /** Empty when PINPUSH_QUOTAS=off. */
    private final Optional<QuotaGuard> quotaGuard;
    private final ObjectStorages storages;
    private final JobService jobs;
    private final JobRunner jobRunner;

    /** Shards of one app read at once by a segment evaluation: bounded, since each reader holds a DynamoDB page. */
    private static final int SEGMENT_SHARD_READERS = 8;

    public Pinpush(PinpushConfig config, AwsClients aws, SecretStore secrets, Clock clock) {
        this.config = config;
        this.aws = aws;
        this.clock = clock;
        this.secrets = secrets;
        Arns arns = new Arns(config.region(), config.accountId());
        this.apps = new AppService(new AppStore(aws.dynamoDb(), config), arns, clock, config.appCacheTtl());
        this.endpoints = new EndpointService(new EndpointStore(aws.dynamoDb(), config), apps, clock);
        apps.deletesWithApp(endpoints);
        this.channels = new ChannelService(apps, new ChannelStore(aws.dynamoDb(), config),
                new ChannelSecrets(secrets, config.secretPrefix()), clock, config.channelCacheTtl());
        apps.deletesWithApp(channels::deleteAllOf);
        // IMPORT segments' members are kept by the import jobs that wrote them.
        ImportedSegments importedSegments = new ImportedSegments(aws.dynamoDb(), config);
        this.segments = new SegmentService(SegmentService.storedIn(aws.dynamoDb(), config), apps,
                new SegmentEvaluator(clock, importedSegments), arns, clock);
        apps.deletesWithApp(segments);
        this.segmentAudience = new SegmentAudience(segments, endpoints, SEGMENT_SHARD_READERS);
        // Templates belong to the account, not to an app: nothing to register with DeleteApp.
        this.templateRenderer = new TemplateRenderer(clock);
        this.templates = new PushTemplateService(new PushTemplateStore(aws.dynamoDb(), config), templateRenderer, arns, clock);
        this.pushTemplates = new PushTemplates(templates, templateRenderer);
        this.campaignStore = new CampaignStore(aws.dynamoDb(), config, clock);
        // Saves and deletes reach the campaign runs' scheduler, which arms (or removes) each campaign's next run.
        CampaignScheduler campaignScheduler = CampaignRuns.scheduler(aws.dynamoDb(), config, clock);
        this.campaigns = new CampaignService(campaignStore, apps, segments, channels, pushTemplates,
                campaignScheduler, arns, clock);
        apps.deletesWithApp(campaigns);
        this.taggable = new TaggableResources().register(ResourceType.APPS, apps.tags())
                .register(ResourceType.SEGMENTS, segments.tags()).register(ResourceType.TEMPLATES, templates.tags())
                .register(ResourceType.CAMPAIGNS, campaigns.tags());
        this.tags = new TagService(taggable, config.region(), config.accountId());
        this.access = new AccessControl(config, aws.dynamoDb(), secrets, taggable, clock);

        // Import and export jobs: the API stores and queues them, the job runner function does the work.
        this.storages = new ObjectStorages(aws);
        JobQueue jobQueue = new JobQueue(aws::sqs, config::jobQueueUrl);
        this.jobs = new JobService(importedSegments, jobQueue, apps, segments, storages, clock);
        apps.deletesWithApp(jobs);
        this.jobRunner = new JobRunner(importedSegments, jobQueue, endpoints, segments, storages, clock);

        this.eventStreams = new EventStreamService(new EventStreamStore(aws.dynamoDb(), config), apps, clock,
                config.eventStreamCacheTtl());
        apps.deletesWithApp(eventStreams);
        DestinationSinks sinks = new DestinationSinks(aws);
        EventSpill spill = eventSpill(config, aws);
        this.eventPublisher = new EventPublisher(deploymentStream(config), eventStreams, sinks,
                BatchWriter.standard(), spill, config.eventFlushInterval(), 10_000);
        this.events = new EventRecorder(new EventEnvelopes(clock, config.accountId()), eventPublisher);
        this.putEvents = new PutEventsService(apps,
                (app, endpointId, e) -> endpoints.upsert(app, endpointId, e.as(EndpointRequest.class)), eventPublisher, clock, config.accountId());
        this.spillReplayer = config.eventSpillQueueUrl().map(url -> new SpillReplayer(aws::sqs, url, sinks,
                BatchWriter.standard(), spill));

        // Messaging: the send path renders and queues, the dispatcher pushes through the provider clients.
        this.endpointDirectory = endpointDirectory(endpoints);
        ChannelDirectory channelDirectory = (appId, type) -> channels.resolve(appId, type)
                .map(c -> c.enabled() ? ChannelDirectory.Status.ENABLED : ChannelDirectory.Status.DISABLED)
                .orElse(ChannelDirectory.Status.MISSING);
        PushRenderer pushRenderers = new PushRenderers(clock);
        Map<ChannelType, PushRenderer> renderers = new EnumMap<>(ChannelType.class);
        RENDERED_CHANNELS.forEach(type -> renderers.put(type, pushRenderers));
        this.deliveryMetrics = DeliveryMetrics.toStandardOutput();
        this.gateway = new Lazy<>(() -> new ProviderGateway(config, (appId, type) -> channels
                .resolve(appId, type)
                .map(c -> new ProviderChannel(c.appId(), c.type(), c.enabled(), c.version(), c.credentials())), clock,
                deliveryMetrics));
        UniqueRecipients uniqueRecipients = new UniqueRecipients(aws.dynamoDb(), config, clock);
        this.kpiCounters = new KpiCounters(aws.dynamoDb(), config, uniqueRecipients, clock);
        apps.deletesWithApp(kpiCounters);
        this.campaignKpiCounters = new CampaignKpiCounters(aws.dynamoDb(), config, clock);
        apps.deletesWithApp(campaignKpiCounters);
        this.campaignKpis = new CampaignKpiService((appId, campaignId) -> campaigns.require(appId, campaignId, null),
                campaignKpiCounters, clock);
        this.kpis = new KpiService(apps, kpiCounters, uniqueRecipients, campaignKpis, clock);
        // Campaign runs: the tick starts due runs, the runner sends shards of them through the same delivery queue.
        SendPlanner planner = new SendPlanner(channelDirectory, renderers, messageTemplates(pushTemplates));
        this.deliveries = new DeliveryStore(aws.dynamoDb(), config, clock);
        apps.deletesWithApp(deliveries);
        this.deliveryQueue = new DeliveryQueue(aws::sqs, config::deliveryQueueUrl);
        DeliveryListener outcomes = DeliveryListeners.of(new StreamedOutcomes(events), deliveryMetrics, kpiCounters,
                campaignKpiCounters);
        this.hooks = new Lazy<>(() -> Hooks.wire(config, aws, secrets, events, clock));
        this.campaignSends = new CampaignSends(planner, deliveries, deliveryQueue, outcomes, clock);
        this.endpointCaps = new EndpointCaps(aws.dynamoDb(), config, clock);
        // Limits per endpoint before a run queues; hooks and custom channels between the runner and push.
        this.campaignRuns = new CampaignRuns(campaignScheduler, aws.dynamoDb(), aws::sqs, config,
                new StoredCampaigns(campaignStore), campaignStore::record, apps, segments, segmentAudience, endpoints,
                new CampaignCapsAdmission(endpointCaps), hooked(campaignSends), clock);
        // The signal wakes a waiting send when the dispatcher records its outcomes in the same JVM (the local
        // server); in AWS the dispatcher is another function, nothing is signalled and sends poll as before.
        OutcomeSignal outcomeSignal = new OutcomeSignal();
        // Outcomes decided while planning a campaign batch are never SUCCESSFUL: the activity counters need only the dispatcher's.
        this.deliveryListener = DeliveryListeners.of(outcomes, campaignRuns.counters(), outcomeSignal);
        this.invocationFlush = new InvocationFlush(List.of(events::flush, deliveryMetrics::flush, kpiCounters::flush,
                campaignRuns.counters()::flush, campaignKpiCounters::flush));

        this.deliveryReports = new DeliveryReports(apps, deliveries);
        this.messaging = new MessagingService(apps, new RecipientResolver(endpointDirectory), planner, deliveries,
                deliveryQueue, deliveryListener, config.sendWait(), clock, outcomeSignal);
        // Not ThreadLocalRandom: its seed is fixed at class initialization, so every SnapStart clone would draw
        // the same "random" backoffs and retry in lockstep. SecureRandom is reseeded on restore.
        SecureRandom jitter = new SecureRandom();
        this.dispatcher = new Lazy<>(() -> new Dispatcher(gateway.get(), deliveries, deliveryQueue,
                endpointDirectory, deliveryListener,
                new RetryPolicy(config.maxDeliveryAttempts(), config.retryBaseDelay(), config.retryMaxDelay()),
                clock, jitter::nextDouble, new CampaignPacing(new SendRateLimiter(aws.dynamoDb(), config), clock)));

        // Event-triggered campaigns: the active EVENT campaigns of an app, sent through the runner's render and queue.
        this.triggers = Triggers.evaluator(config, aws.dynamoDb(), endpoints,
                new StoredEventCampaigns(campaignStore, apps, segments),
                new CampaignTriggeredSends(campaignStore, endpoints, campaignRuns, campaignSends, this::hooked, clock),
                clock);
        // Audit trail and per-app quotas: an observer and a guard of the API and send routers.
        this.auditStore = new AuditStore(aws.dynamoDb(), config);
        this.auditTrail = new AuditTrail(auditStore::put, eventPublisher::publish, config.region(), config.accountId(), clock);
        QuotaStore quotaStore = new QuotaStore(aws.dynamoDb(), config);
        apps.deletesWithApp(quotaStore);
        this.quotas = new QuotaService(quotaStore, apps, clock, this::appOperations);
        this.quotaGuard = config.quotasEnforced()
                ? Optional.of(new QuotaGuard(quotas, new QuotaCounters(aws.dynamoDb(), config), clock))
                : Optional.empty();
    }

    /** The operations that act on one app (their path has an application-id): the ones a quota can name. */
    private Set<String> appOperations() {
        return apiRoutes().stream().filter(route -> route.path().segments().contains("{application-id}"))
                .map(Route::operation).collect(Collectors.toCollection(TreeSet::new));
    }

    /** Campaign sends through the campaign's (or the app's) hook and custom channel before push. */
    private RunSink hooked(RunSink push) {
        return new HookedRunSink(push, () -> hooks.get().invoker(), () -> CustomDeliverySender.from(hooks.get()),
                appId -> Optional.ofNullable(apps.require(appId).settings()).map(ApplicationSettings::campaignHook));
    }

    /** Every app's events go to the deployment's own stream; locally, to a JSON-lines file instead when set. */
    private static Optional<Destination> deploymentStream(PinpushConfig config) {
        if (config.eventFile().isPresent()) {
            return config.eventFile().map(Destination::file);
        }
        return config.eventStreamName().map(name -> Destination.kinesis(name, config.region()));
    }

    private static EventSpill eventSpill(PinpushConfig config, AwsClients aws) {
        if (config.eventSpillQueueUrl().isPresent()) {
            return new SqsEventSpill(aws::sqs, config.eventSpillQueueUrl().get());
        }
        if (config.eventSpillFile().isPresent()) {
            return new FileEventSpill(config.eventSpillFile().get());
        }
        return (destination, records, delay) -> org.slf4j.LoggerFactory.getLogger(Pinpush.class)
                .error("No event spill configured (PINPUSH_EVENT_SPILL_QUEUE_URL); {} records for {} not kept: {}",
                        records.size(), destination, records);
    }


    /** Pinpush as configured by the process environment (Lambda). */
    public static Pinpush fromEnvironment() {
        PinpushConfig config = PinpushConfig.fromEnvironment();
        AwsClients aws = new AwsClients(config);
        return new Pinpush(config, aws, SecretStore.from(config, aws), Clock.systemUTC());
    }

    /**
     * Builds what Pinpush otherwise makes on first use and that opens no connection (the template engine, the EMF
     * metrics writer), so that a SnapStart snapshot holds it loaded. Functions started without SnapStart never call
     * it: those parts stay unbuilt until an invocation needs them.
     */
    public void warmUp() {
        templateRenderer.warmUp();
        deliveryMetrics.warmUp();
    }

    /** For the dispatcher's SnapStart snapshot: loads the APNs path (Netty, Pushy, TLS, ES256), never connecting. */
    public void warmUpApns() {
        gateway.get().warmUpApns();
    }

    /** Every Pinpoint operation Pinpush answers. */
    public List<Route> apiRoutes() {
        List<Route> routes = new ArrayList<>();
        routes.addAll(AppRoutes.routes(apps));
        routes.addAll(EndpointRoutes.routes(endpoints));
        routes.addAll(ChannelRoutes.routes(channels));
        routes.addAll(TemplateRoutes.routes(templates));
        routes.addAll(SegmentRoutes.routes(segments, segmentAudience));
        routes.addAll(CampaignRoutes.routes(campaigns));
        routes.addAll(EventRoutes.routes(eventStreams, putEvents));
        routes.addAll(MessagingRoutes.routes(messaging));
        routes.addAll(DeliveryReportRoutes.routes(deliveryReports));
        routes.addAll(KpiRoutes.routes(kpis, campaignKpis));
        routes.addAll(TagRoutes.routes(tags));
        routes.addAll(access.routes());
        routes.addAll(AuditRoutes.routes(auditStore, clock));
        routes.addAll(QuotaRoutes.routes(quotas));
        routes.addAll(JobRoutes.routes(jobs));
        return routes;
    }

    /**
     * Every operation: authenticated (SigV4 with Pinpush access keys when enforced), authorized by key policy,
     * held to the app's quotas, and audited.
     */
    public Router apiRouter() {
        return new Router(apiRoutes(), access.authenticator(), guards(), observers());
    }

    /** Only SendMessages and SendUsersMessages: what the send function answers over HTTP. */
    public Router sendRouter() {
        return new Router(MessagingRoutes.routes(messaging), access.authenticator(), guards(), observers());
    }

    /** Pinpush access keys, the authentication mode and the key-policy guard. */
    public AccessControl accessControl() {
        return access;
    }

    /** The key policy first; the quota guard last: a call an earlier guard refuses spends no permit. */
    private List<Router.Guard> guards() {
        List<Router.Guard> guards = new ArrayList<>();
        guards.add(access.policyGuard());
        quotaGuard.ifPresent(guards::add);
        return guards;
    }

    private List<Router.Observer> observers() {
        return List.of(auditTrail);
    }

    public PinpushConfig config() {
        return config;
    }

    public AwsClients aws() {
        return aws;
    }

    public Clock clock() {
        return clock;
    }

    public SecretStore secrets() {
        return secrets;
    }

    public AppService apps() {
        return apps;
    }

    public EndpointService endpoints() {
        return endpoints;
    }

    /** Runs import and export jobs' queued work (the job runner function). */
    public JobRunner jobRunner() {
        return jobRunner;
    }

    /** Closes the provider clients (if the dispatcher made any), writes pending events, closes the AWS clients. */
    @Override
    public void close() {
        if (gateway.isCreated()) {
            gateway.get().close();
        }
        eventPublisher.close();
        invocationFlush.close();
        storages.close();
        aws.close();
    }

    /** Channel configuration, and {@code resolve(appId, type)} for the dispatcher. */
    public ChannelService channels() {
        return channels;
    }

    /** Push templates as a send uses them: resolve a version, render it per endpoint. */
    public PushTemplates pushTemplates() {
        return pushTemplates;
    }

    /** Segment definitions and versions. */
    public SegmentService segments() {
        return segments;
    }

    /** A segment's sendable members, streamed shard by shard (campaigns send through this). */
    public SegmentAudience segmentAudience() {
        return segmentAudience;
    }

    /** Campaign definitions and versions, as the API reads and writes them. */
    public CampaignService campaigns() {
        return campaigns;
    }

    /** What the campaign runner reads of campaigns (versions) and changes (status). */
    public CampaignVersions campaignVersions() {
        return campaignStore;
    }

    /** Where the campaign runner records its runs, read by GetCampaignActivities. */
    public CampaignActivities campaignActivities() {
        return campaignStore;
    }

    /** Where each kind of resource keeps its tags (apps, segments, templates, campaigns). */
    public TaggableResources taggableResources() {
        return taggable;
    }

    public EventStreamService eventStreams() {
        return eventStreams;
    }

    /** What the messaging flow calls for every terminal delivery outcome and every endpoint made INACTIVE. */
    public EventRecorder events() {
        return events;
    }

    /**
     * Writes what an invocation buffered: its events, its delivery metrics (EMF lines on standard output) and its
     * KPI counts and campaign activity counts. Handlers call it at the end of every invocation, before Lambda freezes the process.
     */
    public void flushAfterInvocation() {
        invocationFlush.run();
    }

    public EventPublisher eventPublisher() {
        return eventPublisher;
    }

    /** Drains the event spill queue; present when PINPUSH_EVENT_SPILL_QUEUE_URL is set. */
    public Optional<SpillReplayer> spillReplayer() {
        return spillReplayer;
    }

    public MessagingService messaging() {
        return messaging;
    }

    public DeliveryStore deliveries() {
        return deliveries;
    }

    /** The dispatcher, with its provider clients; built on first use (only the dispatcher function needs it). */
    public Dispatcher dispatcher() {
        return dispatcher.get();
    }

    /** Gives dead-lettered deliveries their outcome, told to the same listener as the dispatcher's outcomes. */
    public DeadLetterSettler deadLetters() {
        return new DeadLetterSettler(deliveries, deliveryListener,
                config.poisonQueueUrl().map(url -> new PoisonQueue(aws::sqs, url)), clock);
    }

    /** Campaign runs: the scheduler the campaign API tells, the tick and runner functions, the activity counters. */
    public CampaignRuns campaignRuns() {
        return campaignRuns;
    }

    /** Matches streamed events against event-triggered campaigns (the trigger function and the local server). */
    public TriggerEvaluator triggers() {
        return triggers;
    }

    /** FILTER and DELIVERY campaign hooks, and what custom channels call. */
    public Hooks hooks() {
        return hooks.get();
    }

    /** Campaigns with a CustomDeliveryConfiguration deliver through this. */
    public CustomDeliverySender customChannels() {
        return CustomDeliverySender.from(hooks.get());
    }

    /** Push templates for sends: resolved once per send, rendered per recipient. */
    private static MessageTemplates messageTemplates(PushTemplates pushTemplates) {
        return (template, message) -> {
            pushTemplates.validate(message);
            PushTemplate version = pushTemplates.require(template.name(), template.version());
            return (endpoint, substitutions) -> {
                try {
                    return pushTemplates.renderFor(version, message, endpoint, substitutions);
                } catch (TemplateRenderingException e) {
                    throw new MessageTemplates.Unrenderable(e.getMessage());
                }
            };
        };
    }

    /** What messaging needs from the endpoints, answered by the endpoint service. */
    private static EndpointDirectory endpointDirectory(EndpointService endpoints) {
        return new EndpointDirectory() {
            @Override
            public Map<String, EndpointResponse> findAll(String appId, Collection<String> endpointIds) {
                return endpoints.findAll(appId, endpointIds);
            }

            @Override
            public List<EndpointResponse> userEndpoints(String appId, String userId) {
                return endpoints.userEndpoints(appId, userId);
            }

            @Override
            public boolean markInactive(String appId, String endpointId, String address) {
                return endpoints.markInactive(appId, endpointId, address);
            }

            @Override
            public List<String> markInactiveByAddress(String appId, ChannelType channelType, String address) {
                return endpoints.markInactiveByAddress(appId, channelType, address);
            }

            @Override
            public boolean replaceAddress(String appId, String endpointId, String oldAddress, String newAddress) {
                return endpoints.replaceAddress(appId, endpointId, oldAddress, newAddress);
            }
        };
    }
}
