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
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Campaigns, their versions and their activities in the {@code campaigns} table; see {@link Tables#CAMPAIGNS}. As
 * with segments, a new version and the head that names it are written in one transaction, conditional on the head,
 * so two concurrent updates cannot both become version n+1.
 */
public final class CampaignStore implements CampaignVersions, CampaignActivities {

    private static final String HEAD_PREFIX = "campaign#";
    private static final String VERSION_PREFIX = "version#";
    private static final String ACTIVITY_PREFIX = "activity#";
    private static final String VERSION = "version";
    private static final String STATUS = "status";
    private static final int MAX_RECORD_ATTEMPTS = 5;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final PartitionQueries partitions;
    private final Clock clock;

    public CampaignStore(DynamoDbClient dynamoDb, PinpushConfig config, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.CAMPAIGNS.logicalName());
        this.partitions = new PartitionQueries(dynamoDb, table);
        this.clock = clock;
    }

    // ---- What the runner reads and changes (CampaignVersions, CampaignActivities) ----------------------------

    @Override
    public Optional<CampaignResponse> latest(String appId, String campaignId) {
        return get(appId, HEAD_PREFIX + campaignId, CampaignResponse.class);
    }

    @Override
    public Optional<CampaignResponse> version(String appId, String campaignId, int version) {
        return get(appId, versionSortKey(campaignId, version), CampaignResponse.class);
    }

    @Override
    public Optional<CampaignResponse> changeStatus(CampaignResponse seen, CampaignStatus status) {
        CampaignResponse next = seen.withStatus(status, Timestamps.now(clock));
        Map<String, AttributeValue> condition = Map.of(":seen", Items.n(seen.version()),
                ":status", Items.s(seen.status().name()));
        TransactWriteItem head = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(item(HEAD_PREFIX + next.id(), next))
                .conditionExpression("#v = :seen AND #s = :status")
                .expressionAttributeNames(Map.of("#v", VERSION, "#s", STATUS))
                .expressionAttributeValues(condition)).build();
        TransactWriteItem version = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(item(versionSortKey(next.id(), next.version()), next))
                .conditionExpression("attribute_exists(pk)")).build();
        return Transactions.writeIfUnchanged(dynamoDb, head, version) ? Optional.of(next) : Optional.empty();
    }

    @Override
    public boolean record(ActivityResponse activity) {
        Map<String, AttributeValue> item = new HashMap<>(key(activity.applicationId(),
                activitySortKey(activity.campaignId(), activity.id())));
        item.put(Items.DOC, Items.s(Json.write(activity)));
        TransactWriteItem campaignExists = TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                .key(key(activity.applicationId(), HEAD_PREFIX + activity.campaignId()))
                .conditionExpression("attribute_exists(pk)")).build();
        TransactWriteItem put = TransactWriteItem.builder().put(p -> p.tableName(table).item(item)).build();
        for (int attempt = 0; attempt < MAX_RECORD_ATTEMPTS; attempt++) {
            if (Transactions.writeIfUnchanged(dynamoDb, campaignExists, put)) {
                return true;
            }
            // A refusal is either the campaign gone or a transaction on its head (a status change) in flight.
            if (latest(activity.applicationId(), activity.campaignId()).isEmpty()) {
                return false;
            }
        }
        throw new IllegalStateException("Activity " + activity.id() + " of campaign " + activity.campaignId()
                + " conflicted with other writes " + MAX_RECORD_ATTEMPTS + " times");
    }

    @Override
    public Page<ActivityResponse> list(String appId, String campaignId, PageRequest page) {
        return partitions.page(appId, ACTIVITY_PREFIX + campaignId + "#", page, false,
                item -> Json.read(Items.string(item, Items.DOC), ActivityResponse.class));
    }

    // ---- What the API writes ------------------------------------------------------------------------------------

    /** Writes version 1 and its head; false when the id is taken. */
    boolean create(CampaignResponse first) {
        return Transactions.writeIfUnchanged(dynamoDb,
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item(HEAD_PREFIX + first.id(), first))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                versionPut(first));
    }

    /** Writes {@code next} as the new latest version; false when the head is no longer {@code seen}. */
    boolean addVersion(CampaignResponse seen, CampaignResponse next) {
        return Transactions.writeIfUnchanged(dynamoDb, headPut(seen, next), versionPut(next));
    }

    /**
     * Replaces the head with {@code retagged} (same version, other tags); false when it is no longer {@code seen}.
     * Tags belong to the campaign rather than to a version: stored versions keep the tags they were written with.
     */
    boolean retag(CampaignResponse seen, CampaignResponse retagged) {
        return Transactions.writeIfUnchanged(dynamoDb, headPut(seen, retagged));
    }

    /** Heads of the app's campaigns, in id order. */
    Page<CampaignResponse> list(String appId, PageRequest page) {
        return partitions.page(appId, HEAD_PREFIX, page, true, CampaignStore::campaign);
    }

    /** Versions of one campaign, oldest first. */
    Page<CampaignResponse> versions(String appId, String campaignId, PageRequest page) {
        return partitions.page(appId, VERSION_PREFIX + campaignId + "#", page, true, CampaignStore::campaign);
    }

    /** Deletes the campaign, its versions and its activities; the latest version as it was, or empty when none. */
    Optional<CampaignResponse> delete(String appId, String campaignId) {
        Map<String, AttributeValue> old;
        try {
            old = dynamoDb.deleteItem(b -> b.tableName(table).key(key(appId, HEAD_PREFIX + campaignId))
                    .conditionExpression("attribute_exists(pk)").returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException absent) {
            return Optional.empty();
        }
        // Without the head, versions and activities are unreachable, and the runner can record no more activities.
        partitions.deleteWhere(appId, VERSION_PREFIX + campaignId + "#");
        partitions.deleteWhere(appId, ACTIVITY_PREFIX + campaignId + "#");
        return Optional.of(campaign(old));
    }

    /** DeleteApp's cascade: the app's whole partition. */
    void deleteAll(String appId) {
        partitions.deleteWhere(appId, null);
    }

    /**
     * The head as {@code next}, conditional on the head being exactly {@code seen}: its version, and its document
     * (heads are written only from records here, so the one read back serializes to the stored text). A status
     * change by the runner changes the document, so an update based on the older read is retried.
     */
    private TransactWriteItem headPut(CampaignResponse seen, CampaignResponse next) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item(HEAD_PREFIX + next.id(), next))
                .conditionExpression("#v = :seen AND #doc = :seenDoc")
                .expressionAttributeNames(Map.of("#v", VERSION, "#doc", Items.DOC))
                .expressionAttributeValues(Map.of(":seen", Items.n(seen.version()),
                        ":seenDoc", Items.s(Json.write(seen))))).build();
    }

    private TransactWriteItem versionPut(CampaignResponse version) {
        return TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(item(versionSortKey(version.id(), version.version()), version))
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    private <T> Optional<T> get(String appId, String sortKey, Class<T> type) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(appId, sortKey))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(Json.read(Items.string(item, Items.DOC), type));
    }

    private static CampaignResponse campaign(Map<String, AttributeValue> item) {
        return Json.read(Items.string(item, Items.DOC), CampaignResponse.class);
    }

    private static Map<String, AttributeValue> item(String sortKey, CampaignResponse campaign) {
        Map<String, AttributeValue> item = new HashMap<>(key(campaign.applicationId(), sortKey));
        item.put(VERSION, Items.n(campaign.version()));
        item.put(STATUS, Items.s(campaign.status().name()));
        item.put(Items.DOC, Items.s(Json.write(campaign)));
        return item;
    }

    private static Map<String, AttributeValue> key(String appId, String sortKey) {
        return Map.of("pk", Items.s(appId), "sk", Items.s(sortKey));
    }

    /** Zero-padded so versions sort numerically. */
    private static String versionSortKey(String campaignId, int version) {
        return VERSION_PREFIX + campaignId + "#" + String.format("%010d", version);
    }

    private static String activitySortKey(String campaignId, String activityId) {
        return ACTIVITY_PREFIX + campaignId + "#" + activityId;
    }
}
