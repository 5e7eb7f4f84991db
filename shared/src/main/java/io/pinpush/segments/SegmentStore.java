package io.pinpush.segments;

import io.pinpush.api.Json;
import io.pinpush.api.PageRequest;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Page;
import io.pinpush.store.PartitionQueries;
import io.pinpush.store.Tables;
import io.pinpush.store.Transactions;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * Segments in the {@code segments} table; see {@link Tables#SEGMENTS}. A new version and the head that names it
 * are written in one transaction, conditional on the head's version, so two concurrent updates cannot both
 * become version n+1.
 */
public final class SegmentStore {

    private static final String HEAD_PREFIX = "segment#";
    private static final String VERSION_PREFIX = "version#";
    private static final String VERSION = "version";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final PartitionQueries partitions;

    public SegmentStore(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.SEGMENTS.logicalName());
        this.partitions = new PartitionQueries(dynamoDb, table);
    }

    Optional<SegmentResponse> head(String appId, String segmentId) {
        return get(appId, HEAD_PREFIX + segmentId);
    }

    Optional<SegmentResponse> version(String appId, String segmentId, int version) {
        return get(appId, versionSortKey(segmentId, version));
    }

    /** Writes version 1 and its head; false when the id is taken. */
    boolean create(SegmentResponse first) {
        return transact(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item(HEAD_PREFIX + first.id(), first))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                versionPut(first));
    }

    /**
     * Writes {@code next} as the new latest version; false when the head is no longer {@code seen} (changed, retagged
     * or deleted).
     */
    boolean addVersion(SegmentResponse seen, SegmentResponse next) {
        return transact(headPut(seen, next), versionPut(next));
    }

    /**
     * Replaces the head with {@code retagged} (same version, other tags); false when it is no longer {@code seen}.
     * Tags belong to the segment rather than to a version: stored versions keep the tags they were written with.
     */
    boolean retag(SegmentResponse seen, SegmentResponse retagged) {
        return transact(headPut(seen, retagged));
    }

    /**
     * The head as {@code next}, conditional on the head being exactly {@code seen}: its version, and its document
     * (heads are written only from records here, so the one read back serializes to the stored text).
     */
    private TransactWriteItem headPut(SegmentResponse seen, SegmentResponse next) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item(HEAD_PREFIX + next.id(), next))
                .conditionExpression("#v = :seen AND #doc = :seenDoc")
                .expressionAttributeNames(Map.of("#v", VERSION, "#doc", Items.DOC))
                .expressionAttributeValues(Map.of(":seen", Items.n(seen.version()),
                        ":seenDoc", Items.s(Json.write(seen))))).build();
    }

    /** Heads of the app's segments, in id order. */
    Page<SegmentResponse> list(String appId, PageRequest page) {
        return query(appId, HEAD_PREFIX, page);
    }

    /** Versions of one segment, oldest first. */
    Page<SegmentResponse> versions(String appId, String segmentId, PageRequest page) {
        return query(appId, VERSION_PREFIX + segmentId + "#", page);
    }

    /** Deletes the segment and all its versions; the latest version as it was, or empty when there was none. */
    Optional<SegmentResponse> delete(String appId, String segmentId) {
        Map<String, AttributeValue> old;
        try {
            old = dynamoDb.deleteItem(b -> b.tableName(table).key(key(appId, HEAD_PREFIX + segmentId))
                    .conditionExpression("attribute_exists(pk)").returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException absent) {
            return Optional.empty();
        }
        // Without the head the versions are unreachable; a version written by a racing update is removed here too.
        deleteWhere(appId, VERSION_PREFIX + segmentId + "#");
        return Optional.of(Json.read(Items.string(old, Items.DOC), SegmentResponse.class));
    }

    /** DeleteApp's cascade: the app's whole partition. */
    void deleteAll(String appId) {
        deleteWhere(appId, null);
    }

    private Page<SegmentResponse> query(String appId, String prefix, PageRequest page) {
        return partitions.page(appId, prefix, page, true,
                item -> Json.read(Items.string(item, Items.DOC), SegmentResponse.class));
    }

    /** Deletes the app's items whose sort key begins with {@code prefix}, or all of them when it is null. */
    private void deleteWhere(String appId, String prefix) {
        partitions.deleteWhere(appId, prefix);
    }

    private TransactWriteItem versionPut(SegmentResponse version) {
        return TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(item(versionSortKey(version.id(), version.version()), version))
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    private boolean transact(TransactWriteItem... items) {
        return Transactions.writeIfUnchanged(dynamoDb, items);
    }

    private Optional<SegmentResponse> get(String appId, String sortKey) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(appId, sortKey))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(Json.read(Items.string(item, Items.DOC), SegmentResponse.class));
    }

    private Map<String, AttributeValue> item(String sortKey, SegmentResponse segment) {
        Map<String, AttributeValue> item = new HashMap<>(key(segment.applicationId(), sortKey));
        item.put(VERSION, Items.n(segment.version()));
        item.put(Items.DOC, Items.s(Json.write(segment)));
        return item;
    }

    private static Map<String, AttributeValue> key(String appId, String sortKey) {
        return Map.of("pk", Items.s(appId), "sk", Items.s(sortKey));
    }

    /** Zero-padded so versions sort numerically. */
    private static String versionSortKey(String segmentId, int version) {
        return VERSION_PREFIX + segmentId + "#" + String.format("%010d", version);
    }
}
