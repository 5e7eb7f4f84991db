package io.pinpush.analytics;

import io.pinpush.apps.AppScopedData;
import io.pinpush.config.PinpushConfig;
import io.pinpush.messaging.DeliveryListener;
import io.pinpush.messaging.DeliveryOutcome;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.store.BatchWrites;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Per-app, per-UTC-day delivery counters by status, kept in the deliveries table ({@code pk = "kpi#" + appId},
 * {@code sk = "day#" + yyyy-MM-dd}, one numeric attribute per DeliveryStatus name), and the recipient markers of
 * {@link UniqueRecipients}. Kept {@link #RETENTION} after the day, as Pinpoint keeps its analytics.
 *
 * <p>Outcomes are tallied in memory and written by {@link #flush()} at the end of each invocation: one atomic
 * UpdateItem (an ADD per status) per app and day, and the markers in batches of 25, instead of one write per
 * outcome. Listeners hear each outcome once (only the writer that records it tells them), so the counters match
 * the delivery records. A flush that fails keeps what it could not write for the next one.
 */
public final class KpiCounters implements DeliveryListener, AppScopedData {

    static final String PARTITION_PREFIX = "kpi#";
    static final String DAY_PREFIX = "day#";
    static final Duration RETENTION = Duration.ofDays(90);

    private record AppDay(String appId, LocalDate day) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final UniqueRecipients recipients;
    private final Clock clock;
    private final StatusTally<AppDay, UniqueRecipients.Marker> tally = new StatusTally<>("KPI counters");

    public KpiCounters(DynamoDbClient dynamoDb, PinpushConfig config, UniqueRecipients recipients, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.DELIVERIES.logicalName());
        this.recipients = recipients;
        this.clock = clock;
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        Instant finished = outcome.finishedAt() == null ? clock.instant() : Instant.parse(outcome.finishedAt());
        LocalDate day = finished.atZone(ZoneOffset.UTC).toLocalDate();
        tally.count(new AppDay(outcome.appId(), day), outcome.result().deliveryStatus(),
                UniqueRecipients.Marker.of(outcome, day));
    }

    /** Writes what was tallied since the last flush (see {@link StatusTally#flush}); call it at the end of every invocation. */
    public void flush() {
        tally.flush(this::add, recipients::write, appDay -> "app " + appDay.appId() + " on " + appDay.day());
    }

    private void add(AppDay appDay, Map<DeliveryStatus, Long> byStatus) {
        addCounts(dynamoDb, table, key(appDay.appId(), appDay.day().toString()), byStatus, appDay.day());
    }

    /** One UpdateItem adding each status's count to the item at {@code key} (shared with the campaign counters). */
    static void addCounts(DynamoDbClient dynamoDb, String table, Map<String, AttributeValue> key,
                          Map<DeliveryStatus, Long> byStatus, LocalDate day) {
        Map<String, String> names = new LinkedHashMap<>();
        Map<String, AttributeValue> values = new LinkedHashMap<>();
        List<String> adds = new ArrayList<>();
        byStatus.forEach((status, count) -> {
            int i = adds.size();
            names.put("#s" + i, status.name());
            values.put(":c" + i, Items.n(count));
            adds.add("#s" + i + " :c" + i);
        });
        values.put(":expires", Items.n(expiresAt(day)));
        dynamoDb.updateItem(b -> b.tableName(table)
                .key(key)
                .updateExpression("ADD " + String.join(", ", adds) + " SET expiresAt = :expires")
                .expressionAttributeNames(names)
                .expressionAttributeValues(values));
    }

    /** The counts an item holds, one number per DeliveryStatus name. */
    static Map<DeliveryStatus, Long> counts(Map<String, AttributeValue> item) {
        Map<DeliveryStatus, Long> byStatus = new EnumMap<>(DeliveryStatus.class);
        for (DeliveryStatus status : DeliveryStatus.values()) {
            long count = Items.number(item, status.name(), 0);
            if (count > 0) {
                byStatus.put(status, count);
            }
        }
        return byStatus;
    }

    /** When the analytics items of {@code day} expire (DynamoDB TTL, epoch seconds). */
    static long expiresAt(LocalDate day) {
        return day.plusDays(1).atStartOfDay(ZoneOffset.UTC).toInstant().plus(RETENTION).getEpochSecond();
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
                days.add(new DailyCounts(Items.string(item, "sk").substring(DAY_PREFIX.length()), counts(item)));
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
        BatchWrites.write(dynamoDb, table, deletes);
        recipients.deleteAllOf(appId);
    }

    private static Map<String, AttributeValue> key(String appId, String day) {
        return Map.of("pk", Items.s(PARTITION_PREFIX + appId), "sk", Items.s(DAY_PREFIX + day));
    }
}
