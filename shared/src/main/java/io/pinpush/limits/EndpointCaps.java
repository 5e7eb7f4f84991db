package io.pinpush.limits;

import io.pinpush.apps.CampaignLimits;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * A campaign's per-endpoint Limits — Total, Daily (UTC day) and Session — for scheduled runs and event-triggered
 * sends alike, in DynamoDB ({@link Tables#TRIGGERS}). Before a message to an endpoint is queued, one transaction
 * puts the send's claim (its key: the triggering event's hash, or the run's activity id) and increments each of the
 * endpoint's counters that has a limit, each refused at its limit. Either all succeed and the message may go, or
 * nothing is written.
 *
 * <p>A claim made again with the same key is recognized ({@link Claim#DUPLICATE}) and counts nothing: a stream
 * record redelivered by Lambda, or a run's work item processed twice, never uses up a limit twice. What the caller
 * does with a duplicate differs: the trigger path skips it (the first claim sent it), a run queues it again (the
 * dispatcher's idempotent outcome write makes that harmless).
 */
public final class EndpointCaps {

    /** Why a claim was refused, or that it was granted. */
    public enum Claim { GRANTED, DUPLICATE, LIMITED }

    /** Longer than Kinesis keeps a record by default (24 h), so every redelivery finds its claim. */
    private static final Duration SHORT_LIVED = Duration.ofDays(2);
    private static final Duration OPEN_ENDED = Duration.ofDays(400);

    /**
     * One message of {@code campaignId} to {@code endpointId}.
     *
     * @param claimKey    what identifies this send across retries: {@code "event#<sha-256 of the record>"} for a
     *                    triggered send, {@code "run#<activity id>"} for a scheduled run
     * @param sessionId   the triggering event's session, or null (a run has none: Session does not apply)
     * @param limits      the effective Limits ({@link EffectiveLimits}); 0 or null members are "no limit"
     * @param campaignEnd Schedule.EndTime, or null: the Total counter is kept until a day after it
     */
    public record Request(String appId, String campaignId, String endpointId, String sessionId, String claimKey,
                          CampaignLimits limits, Instant campaignEnd) {

        public Request {
            Objects.requireNonNull(appId, "appId");
            Objects.requireNonNull(campaignId, "campaignId");
            Objects.requireNonNull(endpointId, "endpointId");
            Objects.requireNonNull(claimKey, "claimKey");
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public EndpointCaps(DynamoDbClient dynamoDb, PinpushConfig config, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.TRIGGERS.logicalName());
        this.clock = clock;
    }

    /**
     * The runner's question before it queues a run's message to an endpoint: may it go? True when granted or
     * already granted for this run ({@code activityId}); false when Daily or Total is reached. Writes nothing when
     * the campaign has neither limit.
     */
    public boolean admitRun(String appId, String campaignId, String endpointId, String activityId,
                            CampaignLimits limits, Instant campaignEnd) {
        if (EffectiveLimits.positive(limits == null ? null : limits.daily()) == null
                && EffectiveLimits.positive(limits == null ? null : limits.total()) == null) {
            return true;
        }
        return claim(new Request(appId, campaignId, endpointId, null, "run#" + activityId, limits, campaignEnd))
                != Claim.LIMITED;
    }

    public Claim claim(Request request) {
        Instant now = clock.instant();
        String pk = partition(request);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(Map.of("pk", Items.s(pk), "sk", Items.s(request.claimKey()),
                        "expiresAt", Items.n(claimExpiry(request, now).getEpochSecond())))
                .conditionExpression("attribute_not_exists(pk)")).build());
        counters(request, now).forEach(counter -> items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Map.of("pk", Items.s(pk), "sk", Items.s(counter.sortKey())))
                .updateExpression("SET expiresAt = :ttl ADD n :one")
                .conditionExpression("attribute_not_exists(n) OR n < :limit")
                .expressionAttributeValues(Map.of(":one", Items.n(1), ":limit", Items.n(counter.limit()),
                        ":ttl", Items.n(counter.expiresAt().getEpochSecond())))).build()));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
            return Claim.GRANTED;
        } catch (TransactionCanceledException refused) {
            List<CancellationReason> reasons = refused.cancellationReasons();
            if (reasons.isEmpty() || reasons.stream().noneMatch(r -> "ConditionalCheckFailed".equals(r.code()))) {
                throw refused; // a conflict or throttle, not a refusal: the caller retries
            }
            return "ConditionalCheckFailed".equals(reasons.get(0).code()) ? Claim.DUPLICATE : Claim.LIMITED;
        }
    }

    /** Undoes a granted claim whose message could not be queued, so a retry may claim again. */
    public void release(Request request) {
        Instant now = clock.instant();
        String pk = partition(request);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(Map.of("pk", Items.s(pk), "sk", Items.s(request.claimKey())))).build());
        counters(request, now).forEach(counter -> items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Map.of("pk", Items.s(pk), "sk", Items.s(counter.sortKey())))
                .updateExpression("ADD n :minusOne")
                .conditionExpression("n > :zero")
                .expressionAttributeValues(Map.of(":minusOne", Items.n(-1), ":zero", Items.n(0)))).build()));
        dynamoDb.transactWriteItems(b -> b.transactItems(items));
    }

    private record Counter(String sortKey, int limit, Instant expiresAt) {
    }

    /** A run's claim lives as long as the Total it may have counted; an event's as long as Kinesis may redeliver. */
    private static Instant claimExpiry(Request request, Instant now) {
        return request.claimKey().startsWith("run#") ? totalExpiry(request, now) : now.plus(SHORT_LIVED);
    }

    private static Instant totalExpiry(Request request, Instant now) {
        return request.campaignEnd() == null ? now.plus(OPEN_ENDED) : request.campaignEnd().plus(Duration.ofDays(1));
    }

    private static List<Counter> counters(Request request, Instant now) {
        CampaignLimits limits = request.limits();
        List<Counter> counters = new ArrayList<>();
        if (limits == null) {
            return counters;
        }
        Integer total = EffectiveLimits.positive(limits.total());
        Integer daily = EffectiveLimits.positive(limits.daily());
        Integer session = EffectiveLimits.positive(limits.session());
        if (total != null) {
            counters.add(new Counter("total", total, totalExpiry(request, now)));
        }
        if (daily != null) {
            counters.add(new Counter("day#" + now.atZone(ZoneOffset.UTC).toLocalDate(), daily, now.plus(SHORT_LIVED)));
        }
        // A send without a session cannot count against a per-session limit; Total and Daily still hold.
        if (session != null && request.sessionId() != null) {
            counters.add(new Counter("session#" + request.sessionId(), session, now.plus(SHORT_LIVED)));
        }
        return counters;
    }

    private static String partition(Request request) {
        return request.appId() + "#" + request.campaignId() + "#" + request.endpointId();
    }
}
