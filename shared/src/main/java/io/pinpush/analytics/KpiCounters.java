package io.pinpush.analytics;

import io.pinpush.apps.AppScopedData;
import io.pinpush.config.PinpushConfig;
import io.pinpush.messaging.DeliveryListener;
import io.pinpush.messaging.DeliveryOutcome;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Per-app, per-UTC-day delivery counters by status, kept in the deliveries table ({@code pk = "kpi#" + appId},
 * {@code sk = "day#" + yyyy-MM-dd}, one numeric attribute per DeliveryStatus name) and bumped with one atomic ADD
 * per recorded outcome. Listeners hear each outcome once (only the writer that records it tells them), so the
 * counters match the delivery records. Kept {@link #RETENTION} after the day, as Pinpoint keeps its analytics.
 */
public final class KpiCounters implements DeliveryListener, AppScopedData {

    static final String PARTITION_PREFIX = "kpi#";
    static final String DAY_PREFIX = "day#";
    static final Duration RETENTION = Duration.ofDays(90);
    private static final int BATCH_WRITE_LIMIT = 25;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public KpiCounters(DynamoDbClient dynamoDb, PinpushConfig config, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.DELIVERIES.logicalName());
        this.clock = clock;
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        Instant finished = outcome.finishedAt() == null ? clock.instant() : Instant.parse(outcome.finishedAt());
        LocalDate day = finished.atZone(ZoneOffset.UTC).toLocalDate();
        long expiresAt = day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(RETENTION).getEpochSecond();
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(key(outcome.appId(), day.toString()))
                .updateExpression("ADD #status :one SET expiresAt = :expires")
                .expressionAttributeNames(Map.of("#status", outcome.result().deliveryStatus().name()))
                .expressionAttributeValues(Map.of(":one", Items.n(1), ":expires", Items.n(expiresAt))));
    }

    /** The app's counters of the days from {@code first} to {@code last} (inclusive) that had any outcome. */
    public List<DailyCounts> days(String appId, LocalDate first, LocalDate last) {
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :p AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":p", Items.s(PARTITION_PREFIX + appId),
                        ":from", Items.s(DAY_PREFIX + first), ":to", Items.s(DAY_PREFIX + last)))
                .build();
        List<DailyCounts> days = new ArrayList<>();
        for (var page : dynamoDb.queryPaginator(query)) {
            for (Map<String, AttributeValue> item : page.items()) {
                Map<DeliveryStatus, Long> byStatus = new EnumMap<>(DeliveryStatus.class);
                for (DeliveryStatus status : DeliveryStatus.values()) {
                    long count = Items.number(item, status.name(), 0);
                    if (count > 0) {
                        byStatus.put(status, count);
                    }
                }
                days.add(new DailyCounts(Items.string(item, "sk").substring(DAY_PREFIX.length()), byStatus));
            }
        }
        return days;
    }

    @Override
    public void deleteAllOf(String appId) {
        List<WriteRequest> deletes = new ArrayList<>();
        QueryRequest all = QueryRequest.builder().tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", Items.s(PARTITION_PREFIX + appId)))
                .projectionExpression("pk, sk").build();
        for (var page : dynamoDb.queryPaginator(all)) {
            page.items().forEach(item -> deletes.add(WriteRequest.builder()
                    .deleteRequest(d -> d.key(Map.of("pk", item.get("pk"), "sk", item.get("sk")))).build()));
        }
        for (int from = 0; from < deletes.size(); from += BATCH_WRITE_LIMIT) {
            List<WriteRequest> batch = deletes.subList(from, Math.min(deletes.size(), from + BATCH_WRITE_LIMIT));
            dynamoDb.batchWriteItem(b -> b.requestItems(Map.of(table, batch)));
        }
    }

    private static Map<String, AttributeValue> key(String appId, String day) {
        return Map.of("pk", Items.s(PARTITION_PREFIX + appId), "sk", Items.s(DAY_PREFIX + day));
    }
}
