package io.pinpush.analytics;

import io.pinpush.apps.AppScopedData;
import io.pinpush.config.PinpushConfig;
import io.pinpush.messaging.CampaignAttribution;
import io.pinpush.messaging.DeliveryListener;
import io.pinpush.messaging.DeliveryOutcome;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.store.BatchWrites;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.time.Clock;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
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
 * The per-campaign counterpart of {@link KpiCounters} and {@link UniqueRecipients}, for GetCampaignDateRangeKpi:
 * outcomes that carry a {@link CampaignAttribution}, counted per campaign, UTC day and activity (run), in the
 * deliveries table, kept as long as the app's KPIs:
 * <ul>
 *   <li>{@code pk = "kpic#" + appId + "#" + campaignId}, {@code sk = "day#" + yyyy-MM-dd + "#" + activityId}: one
 *       number per DeliveryStatus name (UpdateItem ADD)</li>
 *   <li>{@code pk = "kpicu#" + appId + "#" + campaignId + "#" + yyyy-MM-dd}, {@code sk = "d#"|"u#" + activityId + "#"
 *       + recipient}: recipient markers (delivered or not) for the distinct counts, plain idempotent puts</li>
 * </ul>
 * Tallied in memory and written by {@link #flush()} at the end of each invocation, like the app's counters.
 */
public final class CampaignKpiCounters implements DeliveryListener, AppScopedData {

    static final String PARTITION_PREFIX = "kpic#";
    static final String MARKER_PREFIX = "kpicu#";

    /** One campaign run's outcomes of one UTC day. */
    record RunDay(String appId, String campaignId, LocalDate day, String activityId) {
    }

    /** What was read back: a run's counts of one day, and its recipients of that day. */
    public record Counts(String date, String activityId, Map<DeliveryStatus, Long> byStatus) {

        long total() {
            return byStatus.values().stream().mapToLong(Long::longValue).sum();
        }

        long of(DeliveryStatus status) {
            return byStatus.getOrDefault(status, 0L);
        }
    }

    /** A recipient marker read back. */
    public record Recipient(String date, String activityId, String recipient, boolean delivered) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Clock clock;
    private final StatusTally<RunDay, Map.Entry<RunDay, String>> tally = new StatusTally<>("campaign KPI counters");

    public CampaignKpiCounters(DynamoDbClient dynamoDb, PinpushConfig config, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.DELIVERIES.logicalName());
        this.clock = clock;
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        CampaignAttribution campaign = outcome.campaign();
        if (campaign == null) {
            return;
        }
        Instant finished = outcome.finishedAt() == null ? clock.instant() : Instant.parse(outcome.finishedAt());
        RunDay runDay = new RunDay(outcome.appId(), campaign.campaignId(), finished.atZone(ZoneOffset.UTC).toLocalDate(),
                campaign.activityId() == null ? "-" : campaign.activityId());
        DeliveryStatus status = outcome.result().deliveryStatus();
        String kind = status == DeliveryStatus.SUCCESSFUL ? UniqueRecipients.DELIVERED : UniqueRecipients.UNDELIVERED;
        tally.count(runDay, status,
                Map.entry(runDay, kind + runDay.activityId() + "#" + UniqueRecipients.recipient(outcome.target())));
    }

    /** Writes what was tallied since the last flush (see {@link StatusTally#flush}); call it at the end of every invocation. */
    public void flush() {
        tally.flush(this::add, this::writeMarkers, runDay -> "campaign " + runDay.campaignId());
    }

    /** The markers, and each campaign's entry in the app's campaign index (for DeleteApp), 25 to a BatchWriteItem. */
    private void writeMarkers(Set<Map.Entry<RunDay, String>> seen) {
        List<WriteRequest> puts = new ArrayList<>();
        Set<String> campaigns = new HashSet<>();
        for (Map.Entry<RunDay, String> marker : seen) {
            RunDay runDay = marker.getKey();
            if (campaigns.add(runDay.appId() + "#" + runDay.campaignId())) {
                puts.add(WriteRequest.builder().putRequest(p -> p.item(Map.of(
                        "pk", Items.s(PARTITION_PREFIX + runDay.appId()), "sk", Items.s(runDay.campaignId()),
                        "expiresAt", Items.n(KpiCounters.expiresAt(runDay.day()))))).build());
            }
            puts.add(WriteRequest.builder().putRequest(p -> p.item(Map.of(
                    "pk", Items.s(markerPartition(runDay.appId(), runDay.campaignId(), runDay.day())),
                    "sk", Items.s(marker.getValue()),
                    "expiresAt", Items.n(KpiCounters.expiresAt(runDay.day()))))).build());
        }
        BatchWrites.write(dynamoDb, table, puts);
    }

    private void add(RunDay runDay, Map<DeliveryStatus, Long> byStatus) {
        KpiCounters.addCounts(dynamoDb, table, Map.of(
                "pk", Items.s(PARTITION_PREFIX + runDay.appId() + "#" + runDay.campaignId()),
                "sk", Items.s(KpiCounters.DAY_PREFIX + runDay.day() + "#" + runDay.activityId())), byStatus, runDay.day());
    }

    /** The campaign's counts of each run on each day from {@code first} to {@code last} (inclusive). */
    public List<Counts> counts(String appId, String campaignId, LocalDate first, LocalDate last) {
        QueryRequest query = QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :p AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":p", Items.s(PARTITION_PREFIX + appId + "#" + campaignId),
                        ":from", Items.s(KpiCounters.DAY_PREFIX + first + "#"),
                        ":to", Items.s(KpiCounters.DAY_PREFIX + last + "#\uffff")))
                .build();
        List<Counts> rows = new ArrayList<>();
        for (var page : dynamoDb.queryPaginator(query)) {
            for (Map<String, AttributeValue> item : page.items()) {
                String[] dayAndActivity = Items.string(item, "sk").substring(KpiCounters.DAY_PREFIX.length()).split("#", 2);
                rows.add(new Counts(dayAndActivity[0], dayAndActivity[1], KpiCounters.counts(item)));
            }
        }
        return rows;
    }

    /** The campaign's recipient markers of each day from {@code first} to {@code last} (inclusive). */
    public List<Recipient> recipients(String appId, String campaignId, LocalDate first, LocalDate last) {
        List<Recipient> recipients = new ArrayList<>();
        for (LocalDate day = first; !day.isAfter(last); day = day.plusDays(1)) {
            String partition = markerPartition(appId, campaignId, day);
            for (String sortKey : sortKeys(partition)) {
                boolean delivered = sortKey.startsWith(UniqueRecipients.DELIVERED);
                String[] activityAndRecipient = sortKey.substring(UniqueRecipients.DELIVERED.length()).split("#", 2);
                recipients.add(new Recipient(day.toString(), activityAndRecipient[0], activityAndRecipient[1], delivered));
            }
        }
        return recipients;
    }

    /** The app's campaigns that have had an outcome (its campaign index), deleted campaigns included. */
    List<String> campaignsOf(String appId) {
        return sortKeys(PARTITION_PREFIX + appId);
    }

    /**
     * DeleteApp: the app's campaign index ({@code pk = "kpic#" + appId}, one item per campaign that had an outcome)
     * names the campaigns; their counters and the markers of the days still kept are deleted, then the index.
     */
    @Override
    public void deleteAllOf(String appId) {
        String index = PARTITION_PREFIX + appId;
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (String campaignId : campaignsOf(appId)) {
            deletePartition(PARTITION_PREFIX + appId + "#" + campaignId);
            for (LocalDate day = today.minusDays(KpiCounters.RETENTION.toDays() + 1); !day.isAfter(today.plusDays(1));
                 day = day.plusDays(1)) {
                deletePartition(markerPartition(appId, campaignId, day));
            }
        }
        deletePartition(index);
    }

    private void deletePartition(String partition) {
        UniqueRecipients.deletePartition(dynamoDb, table, partition);
    }

    private List<String> sortKeys(String partition) {
        return UniqueRecipients.sortKeys(dynamoDb, table, partition);
    }

    private static String markerPartition(String appId, String campaignId, LocalDate day) {
        return MARKER_PREFIX + appId + "#" + campaignId + "#" + day;
    }
}
