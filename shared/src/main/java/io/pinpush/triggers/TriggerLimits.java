package io.pinpush.triggers;

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
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * Claims a triggered send in DynamoDB before it happens ({@link Tables#TRIGGERS}): one transaction puts the
 * event's claim (refused if this event was already claimed for the campaign) and increments the endpoint's
 * Total, Daily and Session counters (each refused at its limit). Either all succeed and the send may go, or
 * nothing is written.
 */
public final class TriggerLimits {

    /** Why a claim was refused, or that it was granted. */
    public enum Claim { GRANTED, DUPLICATE, LIMITED }

    /** Longer than Kinesis keeps a record by default (24 h), so every redelivery finds its claim. */
    private static final Duration SHORT_LIVED = Duration.ofDays(2);
    private static final Duration OPEN_ENDED = Duration.ofDays(400);

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public TriggerLimits(DynamoDbClient dynamoDb, PinpushConfig config, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.TRIGGERS.logicalName());
        this.clock = clock;
    }

    /** One send of {@code trigger} to {@code endpointId}, caused by the event whose record hashes to {@code eventKey}. */
    public record Send(String appId, EventTrigger trigger, String endpointId, String sessionId, String eventKey) {
    }

    public Claim claim(Send send) {
        Instant now = clock.instant();
        String pk = partition(send);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(Map.of("pk", Items.s(pk), "sk", Items.s("event#" + send.eventKey()),
                        "expiresAt", Items.n(now.plus(SHORT_LIVED).getEpochSecond())))
                .conditionExpression("attribute_not_exists(pk)")).build());
        counters(send, now).forEach(counter -> items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
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
                throw refused; // a conflict or throttle, not a refusal: the record is retried
            }
            return "ConditionalCheckFailed".equals(reasons.get(0).code()) ? Claim.DUPLICATE : Claim.LIMITED;
        }
    }

    /** Undoes a granted claim whose send failed, so the retried record may claim again. */
    public void release(Send send) {
        Instant now = clock.instant();
        String pk = partition(send);
        List<TransactWriteItem> items = new ArrayList<>();
        items.add(TransactWriteItem.builder().delete(d -> d.tableName(table)
                .key(Map.of("pk", Items.s(pk), "sk", Items.s("event#" + send.eventKey())))).build());
        counters(send, now).forEach(counter -> items.add(TransactWriteItem.builder().update(u -> u.tableName(table)
                .key(Map.of("pk", Items.s(pk), "sk", Items.s(counter.sortKey())))
                .updateExpression("ADD n :minusOne")
                .conditionExpression("n > :zero")
                .expressionAttributeValues(Map.of(":minusOne", Items.n(-1), ":zero", Items.n(0)))).build()));
        dynamoDb.transactWriteItems(b -> b.transactItems(items));
    }

    private record Counter(String sortKey, int limit, Instant expiresAt) {
    }

    private static List<Counter> counters(Send send, Instant now) {
        EventTrigger trigger = send.trigger();
        List<Counter> counters = new ArrayList<>();
        if (trigger.totalLimit() != null) {
            Instant end = trigger.endTime() == null ? now.plus(OPEN_ENDED) : trigger.endTime().plus(Duration.ofDays(1));
            counters.add(new Counter("total", trigger.totalLimit(), end));
        }
        if (trigger.dailyLimit() != null) {
            counters.add(new Counter("day#" + now.atZone(ZoneOffset.UTC).toLocalDate(), trigger.dailyLimit(),
                    now.plus(SHORT_LIVED)));
        }
        // An event without a session cannot count against a per-session limit; Total and Daily still hold.
        if (trigger.sessionLimit() != null && send.sessionId() != null) {
            counters.add(new Counter("session#" + send.sessionId(), trigger.sessionLimit(), now.plus(SHORT_LIVED)));
        }
        return counters;
    }

    private static String partition(Send send) {
        return send.appId() + "#" + send.trigger().campaignId() + "#" + send.endpointId();
    }
}
