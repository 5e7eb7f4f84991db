package io.pinpush.cdk;

import io.pinpush.metrics.MetricNames;
import io.pinpush.store.Tables;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Aws;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.ITableV2;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.kms.IKey;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.eventsources.KinesisEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.lambda.eventsources.SqsEventSource;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.scheduler.Schedule;
import software.amazon.awscdk.services.scheduler.ScheduleExpression;
import software.amazon.awscdk.services.scheduler.ScheduleTargetInput;
import software.amazon.awscdk.services.scheduler.targets.LambdaInvoke;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.constructs.Construct;

/**
 * The functions, one per role, each a Java 21 arm64 function with SnapStart, invoked only through its
 * {@code live} alias (SnapStart applies to published versions; the alias follows the version each deploy
 * publishes). Each role is granted exactly what that function's code calls, with named actions only, on the
 * tables, queues and stream it touches:
 * <ul>
 *   <li>api: every Pinpoint operation but sending. All tables (deliveries only to read delivery reports and to
 *       delete an app's requests with DeleteApp), channel secrets managed under the stage's prefix, events (PutEvents).
 *       Audit: puts one record per mutating call and queries them; quotas: conditional ADDs on the counters.</li>
 *   <li>send: reads apps (channels, event stream, quota limits), endpoints and templates, writes deliveries, queues
 *       deliveries, reads channel secrets (a send checks each channel is usable), events; conditional ADDs on the quota
 *       counters. No audit grant: sends are not audited.</li>
 *   <li>dispatcher: consumes the delivery queue (backoff through ChangeMessageVisibility), reads apps and channel
 *       secrets, writes outcomes, updates endpoints (INACTIVE, the provider's replacement token), events.</li>
 *   <li>dead letters: consumes the delivery dead-letter queue; writes the outcomes the dispatcher never wrote (and
 *       their KPI counters and campaign activity), events.</li>
 *   <li>event spill: consumes and refills the event spill queue and writes to the destinations it names.</li>
 *   <li>job runner: consumes and refills the job queue; reads apps, writes endpoints, IMPORT segment versions
 *       and jobs (progress, piece markers, members); reaches S3 only through the job's RoleArn, which must be
 *       a role of this account tagged {@value #JOB_ROLE_TAG} = stage (it has no S3 permission of its own).</li>
 *   <li>campaign tick (every minute, EventBridge Scheduler): the campaign runs table, campaigns (status,
 *       activities), apps; queues campaign work items.</li>
 *   <li>campaign runner: consumes the campaign work queue; reads apps, endpoints, segments, templates, channel
 *       secrets; claims in the campaign runs table; records outcomes decided without a provider; queues deliveries.</li>
 *   <li>trigger: consumes the event stream (Kinesis event source), reads apps, campaigns, segments, endpoints and
 *       templates, claims campaign Limits in the triggers table, queues deliveries, invokes only the hook functions
 *       named in context {@code hookFunctionArns}.</li>
 * </ul>
 * The api function also stores jobs and queues their start.
 */
final class PinpushFunctions extends Construct {

    static final String ALIAS = "live";
    static final String API_HANDLER = "io.pinpush.functions.ApiHandler::handleRequest";
    static final String SEND_HANDLER = "io.pinpush.functions.SendHandler::handleRequest";
    static final String DISPATCHER_HANDLER = "io.pinpush.functions.DispatcherHandler::handleRequest";
    static final String DEAD_LETTER_HANDLER = "io.pinpush.functions.DeadLetterHandler::handleRequest";
    /** It records outcomes only (no provider client): the smallest size the others use. */
    static final int DEAD_LETTER_MEMORY_MB = 1024;
    static final String EVENT_SPILL_HANDLER = "io.pinpush.functions.EventSpillHandler::handleRequest";
    static final String JOB_RUNNER_HANDLER = "io.pinpush.functions.JobRunnerHandler::handleRequest";
    /** Pieces parse, merge and batch-write 2,000 endpoints: memory buys CPU in Lambda. */
    static final int JOB_RUNNER_MEMORY_MB = 2048;
    /** Job runner instances at once: bounds the write rate an import puts on the endpoints table. */
    static final int JOB_RUNNER_MAX_CONCURRENCY = 10;
    static final String CAMPAIGN_TICK_HANDLER = "io.pinpush.functions.CampaignTickHandler::handleRequest";
    static final String CAMPAIGN_RUNNER_HANDLER = "io.pinpush.functions.CampaignRunnerHandler::handleRequest";
    /** The tick claims due runs and queues work items: a minute is plenty, and the schedule fires every minute. */
    static final int CAMPAIGN_TICK_TIMEOUT_SECONDS = 60;
    static final int CAMPAIGN_MEMORY_MB = 1024;
    /** Runner instances at once: each holds one shard (16 per app by default) and queues its deliveries. */
    static final int CAMPAIGN_RUNNER_CONCURRENCY = 16;
    static final String TRIGGER_HANDLER = "io.pinpush.functions.TriggerHandler::handleRequest";
    /** Trigger batches: events matched and claimed in DynamoDB, one delivery queued per match. */
    static final int TRIGGER_TIMEOUT_SECONDS = 60;
    static final int TRIGGER_BATCH_SIZE = 100;
    /** A record that keeps failing is retried this often (halving its batch each time), then sent to the DLQ. */
    static final int TRIGGER_RETRY_ATTEMPTS = 5;
    /** Triggers are about what users just did: a record older than this sends nothing and goes to the DLQ. */
    static final int TRIGGER_MAX_RECORD_AGE_SECONDS = 3600;
    /** Campaign Limits (claims and counters) are transactions over puts, updates and condition checks. */
    static final List<String> TABLE_CLAIMS = List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:ConditionCheckItem");
    static final List<String> INVOKE = List.of("lambda:InvokeFunction");
    /** The replayer only moves records along; the size of the others, where SnapStart restores quickly. */
    static final int EVENT_SPILL_MEMORY_MB = 1024;

    /** Item and query reads on a table and its indexes; no scans, no streams. */
    static final List<String> TABLE_READ = List.of("dynamodb:GetItem", "dynamodb:BatchGetItem", "dynamodb:Query");
    /** Item writes, transactions' condition checks included; no table management. */
    static final List<String> TABLE_WRITE = List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem",
            "dynamodb:BatchWriteItem", "dynamodb:ConditionCheckItem");
    static final List<String> TABLE_DATA = concat(TABLE_READ, TABLE_WRITE);
    /** Access keys are listed with a scan (a handful of items); no other table is ever scanned. */
    static final List<String> TABLE_ACCESS_KEYS = concat(TABLE_DATA, List.of("dynamodb:Scan"));
    /**
     * Delivery reports read a request's header and query its outcomes; DeleteApp finds an app's send requests
     * through the byApp index and deletes them in batches.
     */
    static final List<String> TABLE_REPORT_AND_DELETE = List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:BatchWriteItem");
    /** Outcomes and endpoint changes are conditional puts of whole items. */
    static final List<String> TABLE_READ_AND_PUT = concat(TABLE_READ, List.of("dynamodb:PutItem"));
    /**
     * Outcomes are conditional puts; each recorded outcome also bumps its app's (and campaign's) daily KPI counters
     * (UpdateItem) and writes the KPI recipient markers in batches (BatchWriteItem).
     */
    static final List<String> TABLE_OUTCOMES = concat(TABLE_READ, List.of("dynamodb:PutItem", "dynamodb:UpdateItem",
            "dynamodb:BatchWriteItem"));
    /**
     * The dispatcher records a batch's outcomes as PartiQL INSERTs (BatchExecuteStatement: an INSERT is a put that
     * fails on an existing key, the idempotency record's condition), bumps the daily KPI counters (UpdateItem) and
     * writes the recipient markers (BatchWriteItem).
     */
    static final List<String> TABLE_OUTCOME_RECORDS = concat(TABLE_READ, List.of("dynamodb:PartiQLInsert",
            "dynamodb:UpdateItem", "dynamodb:BatchWriteItem"));
    /**
     * The send path's deliveries (the send function, the campaign runner, the trigger function): the request's header
     * and decided outcomes (BatchWriteItem, PutItem, UpdateItem), and outcomes decided at the queue written only
     * where none is recorded yet (PartiQL INSERT, as the dispatcher writes them).
     */
    static final List<String> TABLE_READ_AND_PUTS = concat(TABLE_READ, List.of("dynamodb:PutItem",
            "dynamodb:BatchWriteItem", "dynamodb:UpdateItem", "dynamodb:PartiQLInsert"));

    /** The audit trail puts one record per mutating call and queries a scope's days; records are never changed. */
    static final List<String> TABLE_AUDIT = List.of("dynamodb:PutItem", "dynamodb:Query");
    /** Quota counters are only ever incremented (a conditional UpdateItem ADD); TTL removes them. */
    static final List<String> TABLE_QUOTA_COUNTERS = List.of("dynamodb:UpdateItem");
    /** Publishing an activity is a put conditional on its campaign existing (a transaction with a condition check). */
    static final List<String> TABLE_READ_AND_PUBLISH = concat(TABLE_READ, List.of("dynamodb:PutItem",
            "dynamodb:ConditionCheckItem"));

    static final List<String> SECRET_READ = List.of("secretsmanager:GetSecretValue");
    /** Channel credentials are created with tags (TagResource), versioned, read and force-deleted with the channel. */
    static final List<String> SECRET_MANAGE = List.of("secretsmanager:CreateSecret", "secretsmanager:PutSecretValue",
            "secretsmanager:GetSecretValue", "secretsmanager:DeleteSecret", "secretsmanager:TagResource");
    static final List<String> KEY_USE = List.of("kms:Decrypt", "kms:GenerateDataKey");
    /** The event publisher writes the deployment stream with PutRecords only (batches of up to 500). */
    static final List<String> STREAM_WRITE = List.of("kinesis:PutRecords");
    /** SendMessageBatch is authorized as SendMessage. */
    static final List<String> QUEUE_SEND = List.of("sqs:SendMessage");
    static final List<String> ASSUME_ROLE = List.of("sts:AssumeRole");

    /**
     * The tag a role must carry, with the stage's name as its value, for Pinpush to assume it as a PutEventStream
     * {@code RoleArn}. Without it, anyone allowed to call PutEventStream could make Pinpush act as any role in the
     * account that trusts the account.
     */
    static final String EVENT_ROLE_TAG = "pinpush:event-destination";
    /** The tag an import or export job's {@code RoleArn} must carry (value: the stage), for the same reason. */
    static final String JOB_ROLE_TAG = "pinpush:job-access";
    /** Import writes: conditional puts, batches of new endpoints, the job's counters and piece markers. */
    static final List<String> TABLE_IMPORT_WRITES = concat(TABLE_READ, List.of("dynamodb:PutItem",
            "dynamodb:BatchWriteItem", "dynamodb:UpdateItem"));
    final Function api;
    final Function send;
    final Function dispatcher;
    final Function deadLetters;
    final Function eventSpill;
    final Function jobRunner;
    final Function campaignTick;
    final Function campaignRunner;
    final Function trigger;
    final Alias apiAlias;
    final Alias sendAlias;
    final Alias dispatcherAlias;
    final Alias deadLettersAlias;
    final Alias eventSpillAlias;
    final Alias jobRunnerAlias;
    final Alias campaignTickAlias;
    final Alias campaignRunnerAlias;
    final Alias triggerAlias;
    /** Where the trigger function's event source sends records it gave up on. */
    final Queue triggerFailures;

    PinpushFunctions(Construct scope, String id, StackSettings settings, Code code, IKey key, DataTables tables,
                     Messaging messaging, RemovalPolicy logRemoval) {
        super(scope, id);
        // Every function builds the same composition root (Pinpush.fromEnvironment), so they share one environment;
        // settings only the send path and the dispatcher use are added to theirs.
        Map<String, String> environment = new LinkedHashMap<>();
        environment.put("PINPUSH_ACCOUNT_ID", Aws.ACCOUNT_ID);
        environment.put("PINPUSH_SECRET_PREFIX", settings.secretPrefix());
        environment.put("PINPUSH_SECRET_KMS_KEY_ID", key.getKeyArn());
        environment.put("PINPUSH_EVENT_STREAM_NAME", messaging.eventStream.getStreamName());
        environment.put("PINPUSH_EVENT_SPILL_QUEUE_URL", messaging.eventSpillQueue.getQueueUrl());
        environment.putAll(tables.environment());
        environment.put("POWERTOOLS_METRICS_NAMESPACE", MetricNames.NAMESPACE);
        environment.put("POWERTOOLS_LOG_LEVEL", "INFO");
        environment.put("PINPUSH_AUTH_MODE", settings.authMode());
        if (settings.accessKeys()) {
            environment.put("PINPUSH_BOOTSTRAP_KEY_SECRET", settings.bootstrapKeySecretName());
        }
        Map<String, String> delivering = Map.of("PINPUSH_DELIVERY_QUEUE_URL", messaging.deliveryQueue.getQueueUrl());
        // The dispatcher takes SQS's receive count as the attempt number: with as many attempts as receives, the
        // last attempt records its outcome (and its event), and the dead-letter queue gets only what crashed.
        Map<String, String> dispatching = new LinkedHashMap<>(Map.of(
                "PINPUSH_DELIVERY_QUEUE_URL", messaging.deliveryQueue.getQueueUrl(),
                "PINPUSH_MAX_ATTEMPTS", Integer.toString(settings.maxReceiveCount())));
        if (settings.dispatcherJit().equals("c2")) {
            // Lambda's Java runtime stops at C1 unless JAVA_TOOL_OPTIONS says otherwise (its documented way).
            dispatching.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=4");
        }

        Map<String, String> jobs = Map.of("PINPUSH_JOB_QUEUE_URL", messaging.jobQueue.getQueueUrl());

        var factory = new Factory(settings, code, environment, logRemoval);
        api = factory.function("Api", "api", API_HANDLER, settings.apiMemoryMb(), settings.apiTimeoutSeconds(),
                jobs, "Pinpoint REST API (every operation but sending)");
        send = factory.function("Send", "send", SEND_HANDLER, settings.sendMemoryMb(), settings.apiTimeoutSeconds(),
                delivering, "SendMessages and SendUsersMessages, from the HTTP API or invoked directly");
        dispatcher = factory.function("Dispatcher", "dispatcher", DISPATCHER_HANDLER, settings.dispatcherMemoryMb(),
                settings.dispatcherTimeoutSeconds(), dispatching, "Delivers queued notifications to APNs and FCM");
        deadLetters = factory.function("DeadLetters", "dead-letters", DEAD_LETTER_HANDLER, DEAD_LETTER_MEMORY_MB,
                Messaging.DEAD_LETTER_TIMEOUT_SECONDS,
                Map.of("PINPUSH_POISON_QUEUE_URL", messaging.poisonQueue.getQueueUrl()),
                "Records an outcome for each delivery that reached the dead-letter queue without one");
        eventSpill = factory.function("EventSpill", "event-spill", EVENT_SPILL_HANDLER, EVENT_SPILL_MEMORY_MB,
                Messaging.SPILL_REPLAY_TIMEOUT_SECONDS, Map.of(),
                "Writes spilled events to their streams once those take them again");
        jobRunner = factory.function("JobRunner", "jobs", JOB_RUNNER_HANDLER, JOB_RUNNER_MEMORY_MB,
                Messaging.JOB_RUNNER_TIMEOUT_SECONDS, jobs, "Runs import and export jobs, one piece per invocation");
        Map<String, String> campaignWork = Map.of("PINPUSH_CAMPAIGN_QUEUE_URL", messaging.campaignQueue.getQueueUrl());
        Map<String, String> campaignRunning = Map.of("PINPUSH_CAMPAIGN_QUEUE_URL", messaging.campaignQueue.getQueueUrl(),
                "PINPUSH_DELIVERY_QUEUE_URL", messaging.deliveryQueue.getQueueUrl());
        campaignTick = factory.function("CampaignTick", "campaign-tick", CAMPAIGN_TICK_HANDLER, CAMPAIGN_MEMORY_MB,
                CAMPAIGN_TICK_TIMEOUT_SECONDS, campaignWork, "Starts due campaign runs (every minute, EventBridge Scheduler)");
        campaignRunner = factory.function("CampaignRunner", "campaign-runner", CAMPAIGN_RUNNER_HANDLER,
                CAMPAIGN_MEMORY_MB, Messaging.CAMPAIGN_RUNNER_TIMEOUT_SECONDS, campaignRunning,
                "Sends one endpoint shard of a campaign run to the delivery queue");
        trigger = factory.function("Trigger", "trigger", TRIGGER_HANDLER, settings.dispatcherMemoryMb(),
                TRIGGER_TIMEOUT_SECONDS, delivering,
                "Matches streamed events against event-triggered campaigns and queues their pushes");
        apiAlias = alias(api, "ApiLive");
        sendAlias = alias(send, "SendLive");
        dispatcherAlias = alias(dispatcher, "DispatcherLive");
        deadLettersAlias = alias(deadLetters, "DeadLettersLive");
        eventSpillAlias = alias(eventSpill, "EventSpillLive");
        jobRunnerAlias = alias(jobRunner, "JobRunnerLive");
        campaignTickAlias = alias(campaignTick, "CampaignTickLive");
        campaignRunnerAlias = alias(campaignRunner, "CampaignRunnerLive");
        triggerAlias = alias(trigger, "TriggerLive");

        String secrets = secretArnPattern(settings);
        api.addToRolePolicy(tableGrant(tables.table(Tables.APPS), TABLE_DATA));
        api.addToRolePolicy(tableGrant(tables.table(Tables.ENDPOINTS), TABLE_DATA));
        api.addToRolePolicy(tableGrant(tables.table(Tables.TEMPLATES), TABLE_DATA));
        api.addToRolePolicy(tableGrant(tables.table(Tables.SEGMENTS), TABLE_DATA));
        api.addToRolePolicy(tableGrant(tables.table(Tables.CAMPAIGNS), TABLE_DATA));
        api.addToRolePolicy(tableGrant(tables.table(Tables.DELIVERIES), TABLE_REPORT_AND_DELETE));
        api.addToRolePolicy(tableGrant(tables.table(Tables.ACCESS_KEYS), TABLE_ACCESS_KEYS));
        api.addToRolePolicy(tableGrant(tables.table(Tables.AUDIT), TABLE_AUDIT));
        api.addToRolePolicy(tableGrant(tables.table(Tables.QUOTAS), TABLE_QUOTA_COUNTERS));
        api.addToRolePolicy(allow(SECRET_MANAGE, secrets));
        api.addToRolePolicy(tableGrant(tables.table(Tables.JOBS), TABLE_DATA));
        api.addToRolePolicy(allow(QUEUE_SEND, messaging.jobQueue.getQueueArn()));

        jobRunner.addToRolePolicy(tableGrant(tables.table(Tables.APPS), TABLE_READ));
        jobRunner.addToRolePolicy(tableGrant(tables.table(Tables.ENDPOINTS), TABLE_IMPORT_WRITES));
        jobRunner.addToRolePolicy(tableGrant(tables.table(Tables.SEGMENTS), TABLE_READ_AND_PUT));
        jobRunner.addToRolePolicy(tableGrant(tables.table(Tables.JOBS), TABLE_IMPORT_WRITES));
        jobRunner.addToRolePolicy(allow(QUEUE_SEND, messaging.jobQueue.getQueueArn()));
        jobRunner.addToRolePolicy(allow(KEY_USE, key.getKeyArn()));
        jobRunner.addToRolePolicy(assumeTaggedRole(JOB_ROLE_TAG, settings));

        send.addToRolePolicy(tableGrant(tables.table(Tables.APPS), TABLE_READ));
        send.addToRolePolicy(tableGrant(tables.table(Tables.ENDPOINTS), TABLE_READ));
        send.addToRolePolicy(tableGrant(tables.table(Tables.TEMPLATES), TABLE_READ));
        send.addToRolePolicy(tableGrant(tables.table(Tables.DELIVERIES), TABLE_READ_AND_PUTS));
        // Verifies access keys on SendMessages (keys mode): reads them, records when each was last used.
        send.addToRolePolicy(tableGrant(tables.table(Tables.ACCESS_KEYS), TABLE_READ_AND_PUT));
        send.addToRolePolicy(tableGrant(tables.table(Tables.QUOTAS), TABLE_QUOTA_COUNTERS));
        send.addToRolePolicy(allow(SECRET_READ, secrets));
        send.addToRolePolicy(allow(QUEUE_SEND, messaging.deliveryQueue.getQueueArn()));

        // The dispatcher reads channels from the apps table (recordsOutcomes grants that read).
        dispatcher.addToRolePolicy(tableGrant(tables.table(Tables.ENDPOINTS), TABLE_READ_AND_PUT));
        dispatcher.addToRolePolicy(allow(SECRET_READ, secrets));
        recordsOutcomes(dispatcher, tables);
        // Campaign deliveries count toward their activity (UpdateItem), which is then published to the campaigns table.
        dispatcher.addToRolePolicy(tableGrant(tables.table(Tables.CAMPAIGN_RUNS), TABLE_OUTCOMES));
        dispatcher.addToRolePolicy(tableGrant(tables.table(Tables.CAMPAIGNS), TABLE_READ_AND_PUBLISH));
        // The dead-letter function records the outcomes the dispatcher never wrote (UNKNOWN_FAILURE, which no campaign
        // activity counts) and moves what is not a delivery to the poison queue; it reads no channel and touches no
        // endpoint.
        recordsOutcomes(deadLetters, tables);
        deadLetters.addToRolePolicy(allow(QUEUE_SEND, messaging.poisonQueue.getQueueArn()));
        // CreateCampaign, UpdateCampaign and DeleteCampaign arm and remove a campaign's next run.
        api.addToRolePolicy(tableGrant(tables.table(Tables.CAMPAIGN_RUNS), TABLE_DATA));

        // The tick: due runs and slices (the byDue index, leases, run records), activities, campaign status,
        // the app's shard count; it queues work items.
        campaignTick.addToRolePolicy(tableGrant(tables.table(Tables.CAMPAIGN_RUNS), TABLE_DATA));
        campaignTick.addToRolePolicy(tableGrant(tables.table(Tables.CAMPAIGNS), TABLE_DATA));
        campaignTick.addToRolePolicy(tableGrant(tables.table(Tables.APPS), TABLE_READ));
        campaignTick.addToRolePolicy(allow(QUEUE_SEND, messaging.campaignQueue.getQueueArn()));
        // The runner: reads the segment, endpoints, templates and channels (a campaign batch checks each channel),
        // claims endpoints and counts in campaignruns, records outcomes decided without a provider, queues
        // deliveries and (a local-time plan) nothing else.
        campaignRunner.addToRolePolicy(tableGrant(tables.table(Tables.CAMPAIGN_RUNS), TABLE_DATA));
        campaignRunner.addToRolePolicy(tableGrant(tables.table(Tables.CAMPAIGNS), TABLE_DATA));
        sendsCampaignMessages(campaignRunner, tables, messaging, secrets, settings);

        // Campaign Limits on the dispatcher: the per-second MessagesPerSecond counters, and deferred deliveries put
        // back on the queue as new delayed messages.
        dispatcher.addToRolePolicy(tableGrant(tables.table(Tables.TRIGGERS), List.of("dynamodb:UpdateItem")));
        dispatcher.addToRolePolicy(allow(QUEUE_SEND, messaging.deliveryQueue.getQueueArn()));

        // The trigger function: reads the app, its event campaigns, their segments, endpoints and templates; marks a
        // campaign whose segment was deleted DELETED (a conditional rewrite of its head: puts in a transaction);
        // claims sends (Limits) in the triggers table; records sends decided without a provider; queues deliveries.
        trigger.addToRolePolicy(tableGrant(tables.table(Tables.CAMPAIGNS), TABLE_READ_AND_PUBLISH));
        sendsCampaignMessages(trigger, tables, messaging, secrets, settings);

        // The job runner publishes no events and has its own key grant (above).
        all().stream().filter(function -> function != jobRunner).forEach(function -> {
            function.addToRolePolicy(allow(KEY_USE, key.getKeyArn()));
            publishesEvents(function, settings, messaging);
        });

        // The event sources grant receiving, deleting and ChangeMessageVisibility on their queue.
        dispatcherAlias.addEventSource(SqsEventSource.Builder.create(messaging.deliveryQueue)
                .batchSize(settings.dispatcherBatchSize())
                .maxBatchingWindow(Duration.seconds(settings.dispatcherBatchWindowSeconds()))
                .maxConcurrency(settings.dispatcherMaxConcurrency())
                .reportBatchItemFailures(true)
                .build());
        // Dead-lettered deliveries are rare and need no hurry: two instances at most.
        deadLettersAlias.addEventSource(SqsEventSource.Builder.create(messaging.deadLetterQueue)
                .batchSize(10)
                .maxConcurrency(2)
                .reportBatchItemFailures(true)
                .build());
        // Shards of a run are processed in parallel, bounded so a big run does not starve the rest of the account.
        campaignRunnerAlias.addEventSource(SqsEventSource.Builder.create(messaging.campaignQueue)
                .batchSize(1)
                .maxConcurrency(CAMPAIGN_RUNNER_CONCURRENCY)
                .reportBatchItemFailures(true)
                .build());
        // EventBridge Scheduler invokes the tick's alias every minute (its role may invoke exactly that alias).
        Schedule.Builder.create(this, "CampaignTickSchedule")
                .scheduleName(settings.prefix() + "-campaign-tick")
                .description("Starts due Pinpush campaign runs")
                .schedule(ScheduleExpression.rate(Duration.minutes(1)))
                .target(LambdaInvoke.Builder.create(campaignTickAlias)
                        .input(ScheduleTargetInput.fromObject(Map.of("source", "pinpush.campaign-tick")))
                        .retryAttempts(0)
                        .build())
                .build();
        // The deployment stream drives the trigger function: partial batch responses (only failed records are
        // retried; claims make retried records send once), bisecting a failing batch, bounded retries and record
        // age, and an on-failure destination keeping what was given up on (shard and sequence numbers, for a replay;
        // no event content, so SQS-managed encryption and no grant on the stack key).
        triggerFailures = Queue.Builder.create(this, "TriggerFailures")
                .queueName(settings.prefix() + "-trigger-failures")
                .encryption(QueueEncryption.SQS_MANAGED)
                .retentionPeriod(Duration.days(14))
                .build();
        triggerAlias.addEventSource(KinesisEventSource.Builder.create(messaging.eventStream)
                .startingPosition(StartingPosition.LATEST)
                .batchSize(TRIGGER_BATCH_SIZE)
                .maxBatchingWindow(Duration.seconds(1))
                .reportBatchItemFailures(true)
                .bisectBatchOnError(true)
                .retryAttempts(TRIGGER_RETRY_ATTEMPTS)
                .maxRecordAge(Duration.seconds(TRIGGER_MAX_RECORD_AGE_SECONDS))
                .onFailure(new SqsDlq(triggerFailures))
                .build());
        // Two concurrent replayers at most (the least Lambda allows): a destination that is back is not flooded.
        eventSpillAlias.addEventSource(SqsEventSource.Builder.create(messaging.eventSpillQueue)
                .batchSize(10)
                .maxConcurrency(2)
                .reportBatchItemFailures(true)
                .build());
        // One message per invocation: a piece has the whole timeout to itself, and pieces run in parallel.
        jobRunnerAlias.addEventSource(SqsEventSource.Builder.create(messaging.jobQueue)
                .batchSize(1)
                .maxConcurrency(JOB_RUNNER_MAX_CONCURRENCY)
                .reportBatchItemFailures(true)
                .build());
    }

    /**
     * Writing events: the deployment stream with Pinpush's own role; what a stream refuses, to the spill queue;
     * an app's PutEventStream destination only through the role it names (RoleArn is required), which must be a
     * role of this account tagged {@value #EVENT_ROLE_TAG} = stage. Kinesis and Firehose writes to those
     * destinations are the assumed role's, so this role needs no kinesis/firehose grant on them.
     */
    private static void publishesEvents(Function function, StackSettings settings, Messaging messaging) {
        function.addToRolePolicy(allow(STREAM_WRITE, messaging.eventStream.getStreamArn()));
        function.addToRolePolicy(allow(QUEUE_SEND, messaging.eventSpillQueue.getQueueArn()));
        function.addToRolePolicy(assumeTaggedRole(EVENT_ROLE_TAG, settings));
    }

    /** sts:AssumeRole on this account's roles that carry {@code tag} = the stage's name. */
    private static PolicyStatement assumeTaggedRole(String tag, StackSettings settings) {
        return PolicyStatement.Builder.create()
                .actions(ASSUME_ROLE)
                .resources(List.of("arn:" + Aws.PARTITION + ":iam::" + Aws.ACCOUNT_ID + ":role/*"))
                .conditions(Map.of("StringEquals", Map.of("iam:ResourceTag/" + tag, settings.stage())))
                .build();
    }

    /**
     * Recording final outcomes and telling the listeners, as the dispatcher and the dead-letter function do: the
     * conditional INSERTs, the KPI counters and recipient markers in the deliveries table, and the app item read for
     * its own event stream (PutEventStream), where the outcome's event goes too.
     */
    private static void recordsOutcomes(Function function, DataTables tables) {
        function.addToRolePolicy(tableGrant(tables.table(Tables.APPS), TABLE_READ));
        function.addToRolePolicy(tableGrant(tables.table(Tables.DELIVERIES), TABLE_OUTCOME_RECORDS));
    }

    /**
     * What sending campaign messages takes, for the campaign runner and the trigger function alike: the app, segments,
     * endpoints and templates read (a batch checks each channel, so the channel secrets too); the campaign Limits
     * (Daily/Total/Session claims in the triggers table); outcomes decided without a provider recorded; deliveries
     * queued; and the customers' hook and custom-channel functions invoked.
     */
    private static void sendsCampaignMessages(Function function, DataTables tables, Messaging messaging, String secrets,
                                              StackSettings settings) {
        for (var table : List.of(Tables.APPS, Tables.SEGMENTS, Tables.ENDPOINTS, Tables.TEMPLATES)) {
            function.addToRolePolicy(tableGrant(tables.table(table), TABLE_READ));
        }
        function.addToRolePolicy(tableGrant(tables.table(Tables.TRIGGERS), TABLE_CLAIMS));
        function.addToRolePolicy(tableGrant(tables.table(Tables.DELIVERIES), TABLE_READ_AND_PUTS));
        function.addToRolePolicy(allow(SECRET_READ, secrets));
        function.addToRolePolicy(allow(QUEUE_SEND, messaging.deliveryQueue.getQueueArn()));
        grantHookInvocation(function, settings);
    }

    /**
     * Campaign hooks and custom channels that are Lambda functions: the function may invoke exactly those the
     * operator listed in context {@code hookFunctionArns}, nothing else (none when the list is empty). Every
     * function that runs campaign sends (the trigger function; the campaign runner's) gets this grant.
     */
    static void grantHookInvocation(Function function, StackSettings settings) {
        if (!settings.hookFunctionArns().isEmpty()) {
            function.addToRolePolicy(PolicyStatement.Builder.create().actions(INVOKE)
                    .resources(settings.hookFunctionArns()).build());
        }
    }

    private static PolicyStatement tableGrant(ITableV2 table, List<String> actions) {
        return PolicyStatement.Builder.create()
                .actions(actions)
                .resources(List.of(table.getTableArn(), table.getTableArn() + "/index/*"))
                .build();
    }

    private static List<String> concat(List<String> first, List<String> second) {
        return java.util.stream.Stream.concat(first.stream(), second.stream()).toList();
    }

    List<Function> all() {
        return List.of(api, send, dispatcher, deadLetters, eventSpill, jobRunner, trigger, campaignTick, campaignRunner);
    }

    private Alias alias(Function function, String id) {
        // CDK warns that SnapStart needs published versions: the alias below publishes one on every change.
        Annotations.of(function).acknowledgeWarning("@aws-cdk/aws-lambda:snapStartRequirePublish",
                "Invoked only through its live alias, which points at a published version");
        return Alias.Builder.create(this, id).aliasName(ALIAS).version(function.getCurrentVersion()).build();
    }

    /** Channel secrets are named {@code pinpush/<stage>/...}; the trailing wildcard covers Secrets Manager's random suffix. */
    private static String secretArnPattern(StackSettings settings) {
        return "arn:" + Aws.PARTITION + ":secretsmanager:" + Aws.REGION + ":" + Aws.ACCOUNT_ID + ":secret:"
                + settings.secretPrefix() + "*";
    }

    private static PolicyStatement allow(List<String> actions, String resource) {
        return PolicyStatement.Builder.create().actions(actions).resources(List.of(resource)).build();
    }

    /** What all functions share: runtime, architecture, SnapStart, code, environment, logs. */
    private final class Factory {
        private final StackSettings settings;
        private final Code code;
        private final Map<String, String> environment;
        private final RemovalPolicy logRemoval;

        Factory(StackSettings settings, Code code, Map<String, String> environment, RemovalPolicy logRemoval) {
            this.settings = settings;
            this.code = code;
            this.environment = environment;
            this.logRemoval = logRemoval;
        }

        Function function(String id, String role, String handler, int memoryMb, int timeoutSeconds,
                          Map<String, String> extraEnvironment, String description) {
            String name = settings.prefix() + "-" + role;
            LogGroup logs = LogGroup.Builder.create(PinpushFunctions.this, id + "Logs")
                    .logGroupName("/aws/lambda/" + name)
                    .retention(Retention.days(settings.logRetentionDays()))
                    .removalPolicy(logRemoval)
                    .build();
            Map<String, String> env = new LinkedHashMap<>(environment);
            env.putAll(extraEnvironment);
            env.put("POWERTOOLS_SERVICE_NAME", name);
            return Function.Builder.create(PinpushFunctions.this, id + "Function")
                    .functionName(name)
                    .description(description)
                    .runtime(Runtime.JAVA_21)
                    .architecture(Architecture.ARM_64)
                    .handler(handler)
                    .code(code)
                    .memorySize(memoryMb)
                    .timeout(Duration.seconds(timeoutSeconds))
                    .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                    .environment(env)
                    .logGroup(logs)
                    .build();
        }
    }

    /** CloudWatch Logs accepts only certain retention periods; the context names one of them in days. */
    static final class Retention {
        private static final Map<Integer, RetentionDays> BY_DAYS = Map.ofEntries(
                Map.entry(1, RetentionDays.ONE_DAY), Map.entry(3, RetentionDays.THREE_DAYS),
                Map.entry(5, RetentionDays.FIVE_DAYS), Map.entry(7, RetentionDays.ONE_WEEK),
                Map.entry(14, RetentionDays.TWO_WEEKS), Map.entry(30, RetentionDays.ONE_MONTH),
                Map.entry(60, RetentionDays.TWO_MONTHS), Map.entry(90, RetentionDays.THREE_MONTHS),
                Map.entry(120, RetentionDays.FOUR_MONTHS), Map.entry(150, RetentionDays.FIVE_MONTHS),
                Map.entry(180, RetentionDays.SIX_MONTHS), Map.entry(365, RetentionDays.ONE_YEAR),
                Map.entry(400, RetentionDays.THIRTEEN_MONTHS), Map.entry(545, RetentionDays.EIGHTEEN_MONTHS),
                Map.entry(731, RetentionDays.TWO_YEARS), Map.entry(1096, RetentionDays.THREE_YEARS),
                Map.entry(1827, RetentionDays.FIVE_YEARS), Map.entry(2192, RetentionDays.SIX_YEARS),
                Map.entry(2557, RetentionDays.SEVEN_YEARS), Map.entry(2922, RetentionDays.EIGHT_YEARS),
                Map.entry(3288, RetentionDays.NINE_YEARS), Map.entry(3653, RetentionDays.TEN_YEARS));

        private Retention() {
        }

        static RetentionDays days(int days) {
            RetentionDays retention = BY_DAYS.get(days);
            if (retention == null) {
                throw new IllegalArgumentException("Context 'logRetentionDays' must be a period CloudWatch Logs offers "
                        + new java.util.TreeSet<>(BY_DAYS.keySet()) + "; got " + days);
            }
            return retention;
        }
    }
}
