package io.pinpush.analytics;

import io.pinpush.apps.AppScopedData;
import io.pinpush.config.PinpushConfig;
import io.pinpush.messaging.DeliveryOutcome;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.messaging.DeliveryTarget;
import io.pinpush.store.BatchWrites;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Who an app's outcomes of one UTC day were for, for the distinct-count KPIs ({@code unique-deliveries},
 * {@code unique-endpoints}): one marker item per (app, day, recipient, delivered or not) in the deliveries table,
 * {@code pk = "kpiu#" + appId + "#" + yyyy-MM-dd}, {@code sk = "d#" | "u#"} + recipient, kept as long as the
 * counters. Writing a marker again changes nothing, so markers are plain puts, batched per invocation, and a
 * recipient is counted once however often it was sent to. A count over several days is the size of the union of
 * their markers, which per-day counters cannot give.
 *
 * <p>The recipient is {@code e#} + the endpoint id, or, for a send to a raw address, {@code a#} + a hash of the
 * channel and address: device tokens are not copied into analytics items.
 */
public final class UniqueRecipients implements AppScopedData {

    static final String PARTITION_PREFIX = "kpiu#";
    static final String DELIVERED = "d#";
    static final String UNDELIVERED = "u#";

    /** The recipients of one day: those with a SUCCESSFUL outcome, and those with any outcome. */
    public record Day(String date, Set<String> delivered, Set<String> reached) {
    }

    /** One marker to write: the recipient of an outcome of {@code appId} on {@code day}. */
    record Marker(String appId, LocalDate day, String sortKey) {

        static Marker of(DeliveryOutcome outcome, LocalDate day) {
            String kind = outcome.result().deliveryStatus() == DeliveryStatus.SUCCESSFUL ? DELIVERED : UNDELIVERED;
            return new Marker(outcome.appId(), day, kind + recipient(outcome.target()));
        }
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;

    public UniqueRecipients(DynamoDbClient dynamoDb, PinpushConfig config, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.DELIVERIES.logicalName());
        this.clock = clock;
    }

    /** Writes the markers (25 to a BatchWriteItem call); writing one that exists changes nothing. */
    void write(Set<Marker> markers) {
        List<WriteRequest> puts = new ArrayList<>(markers.size());
        for (Marker marker : markers) {
            puts.add(WriteRequest.builder().putRequest(p -> p.item(Map.of(
                    "pk", Items.s(partition(marker.appId(), marker.day())),
                    "sk", Items.s(marker.sortKey()),
                    "expiresAt", Items.n(KpiCounters.expiresAt(marker.day()))))).build());
        }
        BatchWrites.write(dynamoDb, table, puts);
    }

    /** The recipients of each day from {@code first} to {@code last} (inclusive) that had any outcome. */
    public List<Day> days(String appId, LocalDate first, LocalDate last) {
        List<Day> days = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            Set<String> delivered = new HashSet<>();
            Set<String> reached = new HashSet<>();
            for (String sortKey : sortKeys(partition(appId, day))) {
                String recipient = sortKey.substring(DELIVERED.length());
                reached.add(recipient);
                if (sortKey.startsWith(DELIVERED)) {
                    delivered.add(recipient);
                }
            }
            if (!reached.isEmpty()) {
                days.add(new Day(day.toString(), delivered, reached));
            }
        }
        return days;
    }

    /** Every marker the app may still have: those of the days the counters are kept for. */
    @Override
    public void deleteAllOf(String appId) {
        LocalDate today = LocalDate.ofInstant(clock.instant(), java.time.ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(KpiCounters.RETENTION.toDays() + 1); !day.isAfter(today.plusDays(1));
             day = day.plusDays(1)) {
            deletePartition(dynamoDb, table, partition(appId, day));
        }
    }

    /** Deletes every item of {@code partition} (the analytics partitions of one app; shared with the campaign counters). */
    static void deletePartition(DynamoDbClient dynamoDb, String table, String partition) {
        List<WriteRequest> deletes = sortKeys(dynamoDb, table, partition).stream()
                .map(sk -> WriteRequest.builder().deleteRequest(d -> d.key(Map.of(
                        "pk", Items.s(partition), "sk", Items.s(sk)))).build())
                .toList();
        BatchWrites.write(dynamoDb, table, deletes);
    }

    private List<String> sortKeys(String partition) {
        return sortKeys(dynamoDb, table, partition);
    }

    /** Every sort key of one partition (shared with the campaign counters). */
    static List<String> sortKeys(DynamoDbClient dynamoDb, String table, String partition) {
        QueryRequest query = QueryRequest.builder().tableName(table)
                .keyConditionExpression("pk = :p").expressionAttributeValues(Map.of(":p", Items.s(partition)))
                .projectionExpression("sk").build();
        List<String> keys = new ArrayList<>();
        for (var page : dynamoDb.queryPaginator(query)) {
            for (Map<String, AttributeValue> item : page.items()) {
                keys.add(Items.string(item, "sk"));
            }
        }
        return keys;
    }

    private static String partition(String appId, LocalDate day) {
        return PARTITION_PREFIX + appId + "#" + day;
    }

    static String recipient(DeliveryTarget target) {
        if (!target.isRawAddress()) {
            return "e#" + target.endpointId();
        }
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest((target.channelType() + ":" + target.address()).getBytes(StandardCharsets.UTF_8));
            return "a#" + java.util.HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
