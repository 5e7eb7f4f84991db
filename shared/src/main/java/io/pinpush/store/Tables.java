package io.pinpush.store;

import java.util.List;
import java.util.Optional;

/**
 * Every table Pinpush uses, and why its keys are what they are. The README's "Storage" section mirrors this.
 */
public final class Tables {

    /**
     * Per-app configuration: one partition per app, so DeleteApp finds everything with one query.
     * <ul>
     *   <li>{@code pk = appId, sk = "app"}: the app, its tags and settings</li>
     *   <li>{@code pk = appId, sk = "channel#<TYPE>"} ({@code channel#APNS}, {@code channel#GCM}, ... one per push
     *       channel type): channel metadata, never credentials. {@code doc} holds the channel, {@code version} (a
     *       number) the version every update conditions on; the doc names the secret version that holds the
     *       credentials (secret {@code <prefix>apps/<appId>/channels/<TYPE>})</li>
     *   <li>{@code pk = appId, sk = "eventstream"}: the app's PutEventStream destination (Kinesis or Firehose
     *       ARN and role), read by the event publisher</li>
     *   <li>{@code pk = appId, sk = "quotas"}: the app's own request-rate limits (UpdateApplicationQuotas), where they
     *       differ from Pinpoint's defaults</li>
     * </ul>
     * The sparse {@code byCreation} index lists apps for GetApps in creation order.
     */
    public static final TableSpec APPS = new TableSpec("apps", "pk", "sk",
            List.of(new TableSpec.IndexSpec("byCreation", "listPk", "listSk")), Optional.empty());

    /**
     * Endpoints, spread over {@code appId#shard} partitions ({@code shard = hash(endpointId) mod N}, N fixed
     * per app at creation) so segment evaluation and campaigns read an app's endpoints in parallel rather
     * than serializing on one hot partition.
     * <ul>
     *   <li>{@code byUser}: {@code userKey = appId#userId}, sorted by creation date (user endpoints, the 15-per-user rule)</li>
     *   <li>{@code byAddress}: {@code addressKey = appId#channelType#address} (a provider rejecting a token marks
     *       the endpoint holding it INACTIVE)</li>
     * </ul>
     * Each item also carries a {@code version} number: every write is conditional on it (or on
     * {@code attribute_not_exists} for a new endpoint), so concurrent updates of one endpoint never lose a change.
     * {@code created} is the CreationDate in fixed-width form, so the byUser index sorts it correctly.
     */
    public static final TableSpec ENDPOINTS = new TableSpec("endpoints", "pk", "sk",
            List.of(new TableSpec.IndexSpec("byUser", "userKey", "created"),
                    new TableSpec.IndexSpec("byAddress", "addressKey", "sk")),
            Optional.empty());

    /**
     * Message templates (account-level, not app-scoped). One partition per template, {@code pk = name#PUSH}
     * (names are unique per template type, as in Pinpoint):
     * <ul>
     *   <li>{@code sk = "template"}: the head: tags, dates, latest and active version, version count, the next
     *       version number and a {@code revision} that every change is conditional on</li>
     *   <li>{@code sk = "v#0000000003"}: one item per version, zero-padded so versions sort numerically</li>
     * </ul>
     * The sparse {@code byName} index ({@code listPk = "templates"}, {@code listSk = name#TYPE}) holds only heads
     * and serves ListTemplates in name order, with {@code prefix} as a key condition.
     */
    public static final TableSpec TEMPLATES = new TableSpec("templates", "pk", "sk",
            List.of(new TableSpec.IndexSpec("byName", "listPk", "listSk")), Optional.empty());

    /**
     * Segments, one partition per app ({@code pk = appId}), so DeleteApp removes them with one query:
     * <ul>
     *   <li>{@code sk = "segment#<id>"}: the head, the latest version's document; {@code version} (a number) is what
     *       every update conditions on</li>
     *   <li>{@code sk = "version#<id>#0000000003"}: one immutable item per version, zero-padded so versions sort
     *       numerically. Heads and versions use different prefixes so GetSegments reads heads only.</li>
     * </ul>
     */
    public static final TableSpec SEGMENTS = new TableSpec("segments", "pk", "sk", List.of(), Optional.empty());

    /**
     * Campaigns, one partition per app ({@code pk = appId}), so DeleteApp removes them with one query:
     * <ul>
     *   <li>{@code sk = "campaign#<id>"}: the head, the latest version's document; {@code version} (a number) and
     *       {@code status} (the CampaignStatus name) are what every update and status change conditions on</li>
     *   <li>{@code sk = "version#<id>#0000000003"}: one item per version, zero-padded so versions sort numerically
     *       (a status change rewrites the latest version's status with its head, nothing else)</li>
     *   <li>{@code sk = "activity#<campaignId>#<activityId>"}: one item per run of a treatment, written by the
     *       campaign runner, with the {@code revision} (a number) of the runner's item it copies: a write of a lower
     *       revision than the stored one is refused; activity ids begin with their creation time, so they sort oldest
     *       first</li>
     * </ul>
     */
    public static final TableSpec CAMPAIGNS = new TableSpec("campaigns", "pk", "sk", List.of(), Optional.empty());

    /**
     * The outcome of every send request, kept for {@code PINPUSH_DELIVERY_RETENTION} (TTL attribute {@code expiresAt},
     * epoch seconds). One partition per request, so the send function reads its outcomes with one query:
     * <ul>
     *   <li>{@code pk = requestId, sk = "request"}: the header (app, creation time, number of deliveries)</li>
     *   <li>{@code pk = requestId, sk = "delivery#000042"}: one item per delivery, written once when its outcome is
     *       final (a conditional put, which is also the dispatcher's idempotency check)</li>
     *   <li>{@code pk = "kpi#" + appId, sk = "day#" + yyyy-MM-dd}: the app's delivery counters of one UTC day, one
     *       number per DeliveryStatus name (KpiCounters)</li>
     * </ul>
     * The sparse {@code byApp} index ({@code appId}, {@code created}) holds only headers: DeleteApp finds an app's
     * requests through it.
     */
    public static final TableSpec DELIVERIES = new TableSpec("deliveries", "pk", "sk",
            List.of(new TableSpec.IndexSpec("byApp", "appId", "created")), Optional.of("expiresAt"));

    /**
     * Campaign Limits (EndpointCaps, SendRateLimiter): what campaigns have sent to each endpoint, so a stream record
     * retried by Lambda or a run's work item processed twice never counts twice and Limits hold. One partition per
     * (app, campaign, endpoint), {@code pk = appId#campaignId#endpointId}, so a busy campaign spreads over its
     * endpoints:
     * <ul>
     *   <li>{@code sk = "event#<sha-256 of the record>"}: the claim of one event for the campaign, written with
     *       {@code attribute_not_exists}: a record seen again is recognized and sends nothing</li>
     *   <li>{@code sk = "run#<activity id>"}: the claim of one scheduled run's message to the endpoint (written only
     *       when the campaign has a Daily or Total limit)</li>
     *   <li>{@code sk = "total"}, {@code "day#yyyy-MM-dd"} (UTC), {@code "session#<sessionId>"}: counters {@code n},
     *       each incremented only while below the campaign's Total, Daily and Session limit</li>
     * </ul>
     * A claim and its counters are one transaction: all are written or none. Everything carries {@code expiresAt}
     * (TTL): event claims, day and session counters after two days, run claims and totals a day after the campaign's
     * EndTime.
     * MessagesPerSecond: {@code pk = "mps#" + appId#campaignId#epochSecond}, {@code sk = "n"}, one counter per
     * campaign and UTC second, expiring a minute later.
     */
    public static final TableSpec TRIGGERS = new TableSpec("triggers", "pk", "sk", List.of(), Optional.of("expiresAt"));

    /**
     * Pinpush access keys (the SigV4 drop-in mode), one item per key: {@code pk = accessKeyId, sk = "key"}, its
     * status, policy document, dates and the name of the secret holding its secret access key. Never the secret.
     * Listed with a scan: a deployment has a handful of keys.
     */
    public static final TableSpec ACCESS_KEYS = new TableSpec("accesskeys", "pk", "sk", List.of(), Optional.empty());

    /**
     * The audit trail: one item per mutating API call, kept for {@code PINPUSH_AUDIT_RETENTION} (TTL attribute
     * {@code expiresAt}, epoch seconds; default 90 days). One partition per scope and UTC day, so "the last N days" is
     * N queries, newest first:
     * <ul>
     *   <li>{@code pk = "app#" + appId + "#" + yyyy-MM-dd}: calls on an app or anything inside it (kept after DeleteApp,
     *       like CloudTrail's history)</li>
     *   <li>{@code pk = "account#" + yyyy-MM-dd}: calls on account-level resources (templates, access keys) and calls
     *       that named no app (a CreateApp that failed)</li>
     *   <li>{@code sk = <epoch millis, 13 digits> + "#" + requestId}: time order within the day, unique per call</li>
     * </ul>
     * {@code doc} holds the record (AuditRecord) as JSON. A day's partition takes about 1,000 writes per second, which
     * bounds the audited write rate of one app (see README "Audit trail").
     */
    public static final TableSpec AUDIT = new TableSpec("audit", "pk", "sk", List.of(), Optional.of("expiresAt"));

    /**
     * Request-rate counters of the per-app quotas: {@code pk = appId#operation#epochSecond}, one item per second
     * window, number {@code n} = permits handed out in that second. Every increment is a conditional ADD that never
     * takes {@code n} past the limit, so the limit holds across all Lambda instances. Items expire (TTL
     * {@code expiresAt}) a minute after their second. Per-app limits themselves live in the apps table
     * ({@code sk = "quotas"}).
     */
    public static final TableSpec QUOTAS = new TableSpec("quotas", "pk", null, List.of(), Optional.of("expiresAt"));

    /**
     * Import and export jobs, one partition per app ({@code pk = appId}) so DeleteApp finds them with one query:
     * <ul>
     *   <li>{@code sk = "import#<jobId>"} / {@code "export#<jobId>"}: the job: {@code doc} (its definition),
     *       {@code status}, and the counters every finished piece adds to atomically (UpdateItem ADD):
     *       {@code totalPieces}, {@code completedPieces}, {@code failedPieces}, {@code totalProcessed},
     *       {@code totalFailures}, {@code ch_<CHANNEL>}, and the first {@code failures}. Job ids begin with their
     *       creation time in hex, so a query lists jobs newest first</li>
     *   <li>{@code sk = "piece#<jobId>#<n>"}: piece n is counted; written in the same transaction as the counters
     *       with {@code attribute_not_exists}, so a redelivered piece is never counted twice</li>
     *   <li>{@code sk = "segment#<segmentId>#0000000003"}: the import job whose endpoints are that segment
     *       version's members</li>
     * </ul>
     * and the members of imported segments, one partition per import job ({@code pk = appId#members#<jobId>},
     * {@code sk = endpointId}), read page by page when the segment is evaluated.
     */
    public static final TableSpec JOBS = new TableSpec("jobs", "pk", "sk", List.of(), Optional.empty());

    /**
     * Campaign runs: what the scheduler tick and the campaign runner coordinate through. One partition per campaign,
     * {@code pk = appId#campaignId}:
     * <ul>
     *   <li>{@code sk = "next"}: the campaign's next run (number, due time); marked {@code ended}, with no due time,
     *       once the last run has started</li>
     *   <li>{@code sk = "run#000003"}: one run: the campaign version it sends, its activity per treatment, how many
     *       time-zone slices it has and how many are done</li>
     *   <li>{@code sk = "run#000003#slice#<epoch ms>"}: the endpoints of a run that start at one instant (one slice, or
     *       one per UTC offset with IsLocalTime); {@code pending} counts its shard work items not yet done</li>
     *   <li>{@code sk = "run#000003#slice#<epoch ms>#shard#0007"}: marks one shard work item done, so a redelivered
     *       work item is not counted twice</li>
     * </ul>
     * Items waiting for a time carry {@code dueKey = "due"} and {@code dueAt} (zero-padded epoch milliseconds): the
     * sparse {@code byDue} index is what the tick queries every minute; claiming one is a conditional write on
     * {@code dueAt}. Per-(activity, endpoint) send claims live in their own partitions,
     * {@code pk = claim#<activityId>#<endpointId>}, {@code sk = "claim"}, so a run's claims spread over the table.
     * Runs, slices and claims carry {@code expiresAt} (TTL).
     */
    public static final TableSpec CAMPAIGN_RUNS = new TableSpec("campaignruns", "pk", "sk",
            List.of(new TableSpec.IndexSpec("byDue", "dueKey", "dueAt")), Optional.of("expiresAt"));

    private Tables() {
    }

    public static List<TableSpec> all() {
        return List.of(APPS, ENDPOINTS, TEMPLATES, SEGMENTS, CAMPAIGNS, CAMPAIGN_RUNS, DELIVERIES, TRIGGERS, JOBS,
                ACCESS_KEYS, AUDIT, QUOTAS);
    }
}
