package io.pinpush.store;

import io.pinpush.api.Json;
import io.pinpush.api.PageRequest;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;

/**
 * A resource that Pinpoint versions (segments, campaigns), kept in its app's partition of one table: a head item
 * ({@code sk = <headPrefix><id>}) with the latest version's document, and one item per version
 * ({@code sk = "version#<id>#<zero-padded n>"}). Every item holds the document as JSON and its version number.
 *
 * <p>A new version and the head that names it are written in one transaction, conditional on the head, so two
 * concurrent updates cannot both become version n+1. The tables' layouts are described in {@link Tables}.
 *
 * @param <T> the stored document, the record the API returns
 */
public final class VersionedDocuments<T extends VersionedDocuments.Document> {

    /** What every stored document tells of itself. */
    public interface Document {
        String applicationId();

        String id();

        Integer version();
    }

    /** The attribute holding an item's version number, which head writes condition on. */
    public static final String VERSION = "version";
    private static final String VERSION_PREFIX = "version#";

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final String headPrefix;
    private final Class<T> type;
    private final Function<T, Map<String, AttributeValue>> extraAttributes;
    private final PartitionQueries partitions;

    /**
     * @param extraAttributes attributes written beside the document on every item, for conditions that cannot read
     *                        inside the JSON (a campaign's status)
     */
    public VersionedDocuments(DynamoDbClient dynamoDb, String table, String headPrefix, Class<T> type,
                              Function<T, Map<String, AttributeValue>> extraAttributes) {
        this.dynamoDb = dynamoDb;
        this.table = table;
        this.headPrefix = headPrefix;
        this.type = type;
        this.extraAttributes = extraAttributes;
        this.partitions = new PartitionQueries(dynamoDb, table);
    }

    /** The latest version. */
    public Optional<T> head(String appId, String id) {
        return get(appId, headPrefix + id);
    }

    public Optional<T> version(String appId, String id, int version) {
        return get(appId, versionSortKey(id, version));
    }

    /** The version numbered {@code version}, or the latest when it is null. */
    public Optional<T> find(String appId, String id, Integer version) {
        return version == null ? head(appId, id) : version(appId, id, version);
    }

    /** Writes version 1 and its head; false when the id is taken. */
    public boolean create(T first) {
        return Transactions.writeIfUnchanged(dynamoDb,
                TransactWriteItem.builder().put(p -> p.tableName(table).item(item(headPrefix + first.id(), first))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                versionPut(first));
    }

    /**
     * Writes {@code next} as the new latest version; false when the head is no longer {@code seen} (changed, retagged
     * or deleted).
     */
    public boolean addVersion(T seen, T next) {
        return Transactions.writeIfUnchanged(dynamoDb, headPut(seen, next), versionPut(next));
    }

    /**
     * Replaces the head with {@code retagged} (same version, other tags); false when it is no longer {@code seen}.
     * Tags belong to the resource rather than to a version: stored versions keep the tags they were written with.
     */
    public boolean retag(T seen, T retagged) {
        return Transactions.writeIfUnchanged(dynamoDb, headPut(seen, retagged));
    }

    /**
     * Rewrites the latest version in place, head and version item, with {@code next} (same version number); false
     * when the head does not meet {@code headCondition} (an expression over {@code names} and {@code values}).
     */
    public boolean rewriteLatest(T next, String headCondition, Map<String, String> names,
                                 Map<String, AttributeValue> values) {
        TransactWriteItem head = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(item(headPrefix + next.id(), next)).conditionExpression(headCondition)
                .expressionAttributeNames(names).expressionAttributeValues(values)).build();
        TransactWriteItem version = TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(item(versionSortKey(next.id(), next.version()), next))
                .conditionExpression("attribute_exists(pk)")).build();
        return Transactions.writeIfUnchanged(dynamoDb, head, version);
    }

    /** Heads of the app's resources, in id order. */
    public Page<T> heads(String appId, PageRequest page) {
        return partitions.page(appId, headPrefix, page, true, this::document);
    }

    /** Every head of the app, page by page, in id order. */
    public void forEachHead(String appId, Consumer<T> action) {
        PageRequest page = PageRequest.first(PageRequest.MAX_PAGE_SIZE);
        while (true) {
            Page<T> heads = heads(appId, page);
            heads.items().forEach(action);
            if (heads.nextToken() == null) {
                return;
            }
            page = new PageRequest(PageRequest.MAX_PAGE_SIZE, Optional.of(heads.nextToken()));
        }
    }

    /** Versions of one resource, oldest first. */
    public Page<T> versions(String appId, String id, PageRequest page) {
        return partitions.page(appId, VERSION_PREFIX + id + "#", page, true, this::document);
    }

    /** Deletes the head and all versions; the latest version as it was, or empty when there was none. */
    public Optional<T> delete(String appId, String id) {
        Map<String, AttributeValue> old;
        try {
            old = dynamoDb.deleteItem(b -> b.tableName(table).key(headKey(appId, id))
                    .conditionExpression("attribute_exists(pk)").returnValues(ReturnValue.ALL_OLD)).attributes();
        } catch (ConditionalCheckFailedException absent) {
            return Optional.empty();
        }
        // Without the head the versions are unreachable; a version written by a racing update is removed here too.
        partitions.deleteWhere(appId, VERSION_PREFIX + id + "#");
        return Optional.of(document(old));
    }

    /** DeleteApp's cascade: the app's whole partition, whatever else the table keeps there. */
    public void deleteAll(String appId) {
        partitions.deleteWhere(appId, null);
    }

    /** The head's key, for transactions of other items that require the resource to exist. */
    public Map<String, AttributeValue> headKey(String appId, String id) {
        return key(appId, headPrefix + id);
    }

    /**
     * The head as {@code next}, conditional on the head being exactly {@code seen}: its version, and its document
     * (heads are written only from records here, so the one read back serializes to the stored text). So a change
     * of the head by anything else (a campaign's status, new tags) sends an update based on the older read round again.
     */
    private TransactWriteItem headPut(T seen, T next) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(item(headPrefix + next.id(), next))
                .conditionExpression("#v = :seen AND #doc = :seenDoc")
                .expressionAttributeNames(Map.of("#v", VERSION, "#doc", Items.DOC))
                .expressionAttributeValues(Map.of(":seen", Items.n(seen.version()),
                        ":seenDoc", Items.s(Json.write(seen))))).build();
    }

    private TransactWriteItem versionPut(T version) {
        return TransactWriteItem.builder().put(p -> p.tableName(table)
                .item(item(versionSortKey(version.id(), version.version()), version))
                .conditionExpression("attribute_not_exists(pk)")).build();
    }

    private Optional<T> get(String appId, String sortKey) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(appId, sortKey))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(document(item));
    }

    private T document(Map<String, AttributeValue> item) {
        return Json.read(Items.string(item, Items.DOC), type);
    }

    private Map<String, AttributeValue> item(String sortKey, T document) {
        Map<String, AttributeValue> item = new HashMap<>(key(document.applicationId(), sortKey));
        item.putAll(extraAttributes.apply(document));
        item.put(VERSION, Items.n(document.version()));
        item.put(Items.DOC, Items.s(Json.write(document)));
        return item;
    }

    private static Map<String, AttributeValue> key(String appId, String sortKey) {
        return Map.of("pk", Items.s(appId), "sk", Items.s(sortKey));
    }

    /** Zero-padded so versions sort numerically. */
    private static String versionSortKey(String id, int version) {
        return VERSION_PREFIX + id + "#" + String.format("%010d", version);
    }
}
