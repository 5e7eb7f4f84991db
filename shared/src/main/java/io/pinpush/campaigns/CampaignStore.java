package io.pinpush.campaigns;

import io.pinpush.api.Json;
import io.pinpush.api.PageRequest;
import io.pinpush.api.Timestamps;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Page;
import io.pinpush.store.PartitionQueries;
import io.pinpush.store.Tables;
import io.pinpush.store.Transactions;
import io.pinpush.store.VersionedDocuments;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Campaigns, their versions and their activities in the {@code campaigns} table; see {@link Tables#CAMPAIGNS}.
 * Versions are kept as segments' are ({@link VersionedDocuments}); every item also carries the campaign's status,
 * which the runner's status changes condition on. Activities live beside them in the app's partition.
 */
public final class CampaignStore implements CampaignVersions, CampaignActivities {

    private static final String ACTIVITY_PREFIX = "activity#";
    private static final String STATUS = "status";
    private static final String REVISION = "revision";
    private static final int MAX_RECORD_ATTEMPTS = 5;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final VersionedDocuments<CampaignResponse> campaigns;
    private final PartitionQueries partitions;
    private final Clock clock;

    public CampaignStore(DynamoDbClient dynamoDb, PinpushConfig config, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.CAMPAIGNS.logicalName());
        this.campaigns = new VersionedDocuments<>(dynamoDb, table, "campaign#", CampaignResponse.class,
                campaign -> Map.of(STATUS, Items.s(campaign.status().name())));
        this.partitions = new PartitionQueries(dynamoDb, table);
        this.clock = clock;
    }

    // ---- What the runner reads and changes (CampaignVersions, CampaignActivities) ----------------------------

    @Override
    public Optional<CampaignResponse> latest(String appId, String campaignId) {
        return campaigns.head(appId, campaignId);
    }

    @Override
    public Optional<CampaignResponse> version(String appId, String campaignId, int version) {
        return campaigns.version(appId, campaignId, version);
    }

    @Override
    public Optional<CampaignResponse> changeStatus(CampaignResponse seen, CampaignStatus status) {
        CampaignResponse next = seen.withStatus(status, Timestamps.now(clock));
        boolean changed = campaigns.rewriteLatest(next, "#v = :seen AND #s = :status",
                Map.of("#v", VersionedDocuments.VERSION, "#s", STATUS),
                Map.of(":seen", Items.n(seen.version()), ":status", Items.s(seen.status().name())));
        return changed ? Optional.of(next) : Optional.empty();
    }

    @Override
    public boolean record(ActivityResponse activity, long revision) {
        Map<String, AttributeValue> item = new HashMap<>(Map.of("pk", Items.s(activity.applicationId()),
                "sk", Items.s(activitySortKey(activity.campaignId(), activity.id()))));
        item.put(Items.DOC, Items.s(Json.write(activity)));
        item.put(REVISION, Items.n(revision));
        TransactWriteItem campaignExists = TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                .key(campaigns.headKey(activity.applicationId(), activity.campaignId()))
                .conditionExpression("attribute_exists(pk)")).build();
        // Items written before revisions were kept have none: any revision replaces them.
        TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(table).item(item)
                .conditionExpression("attribute_not_exists(#rev) OR #rev < :rev")
                .expressionAttributeNames(Map.of("#rev", REVISION))
                .expressionAttributeValues(Map.of(":rev", Items.n(revision)))).build();
        // Another transaction on the head (a status change) or on this activity is waited out.
        Transactions.Outcome outcome = Transactions.writeDecided(dynamoDb, MAX_RECORD_ATTEMPTS,
                "Activity " + activity.id() + " of campaign " + activity.campaignId(), campaignExists, put);
        // Written, or a same or later revision already is; refused by the head's check: the campaign is gone.
        return !outcome.refusedBy(0);
    }

    @Override
    public Page<ActivityResponse> list(String appId, String campaignId, PageRequest page) {
        return partitions.page(appId, ACTIVITY_PREFIX + campaignId + "#", page, false,
                item -> Json.read(Items.string(item, Items.DOC), ActivityResponse.class));
    }

    // ---- What the API writes ------------------------------------------------------------------------------------

    /**
     * The campaign's versions: create, update, retag, list (see {@link VersionedDocuments}). Delete a campaign with
     * {@link #delete}, which removes its activities too; the app's whole partition goes with {@code deleteAll}.
     */
    VersionedDocuments<CampaignResponse> campaigns() {
        return campaigns;
    }

    /** Deletes the campaign, its versions and its activities; the latest version as it was, or empty when none. */
    Optional<CampaignResponse> delete(String appId, String campaignId) {
        Optional<CampaignResponse> deleted = campaigns.delete(appId, campaignId);
        // Without the head the runner can record no more activities; those it recorded go with the campaign.
        deleted.ifPresent(campaign -> partitions.deleteWhere(appId, ACTIVITY_PREFIX + campaignId + "#"));
        return deleted;
    }

    private static String activitySortKey(String campaignId, String activityId) {
        return ACTIVITY_PREFIX + campaignId + "#" + activityId;
    }
}
