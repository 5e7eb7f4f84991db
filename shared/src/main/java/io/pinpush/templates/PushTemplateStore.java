package io.pinpush.templates;

import io.pinpush.api.Json;
import io.pinpush.api.PageRequest;
import io.pinpush.api.PageToken;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Page;
import io.pinpush.store.Tables;
import io.pinpush.store.Transactions;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Push templates in the {@code templates} table; see {@link Tables#TEMPLATES}. Every change writes the head item
 * and the version item in one transaction, conditional on the head's revision, so a change made from a stale read
 * fails (and the service retries it from a fresh read) instead of overwriting someone else's.
 */
public final class PushTemplateStore {

    static final String HEAD_SORT_KEY = "template";
    private static final String VERSION_PREFIX = "v#";
    private static final String LIST_PARTITION = "templates";
    private static final String REVISION = "revision";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public PushTemplateStore(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.TEMPLATES.logicalName());
    }

    Optional<TemplateHead> head(String name) {
        return get(key(name, HEAD_SORT_KEY)).map(item -> Json.read(Items.string(item, Items.DOC), TemplateHead.class));
    }

    Optional<PushTemplate> version(String name, int version) {
        return get(key(name, versionSortKey(version)))
                .map(item -> Json.read(Items.string(item, Items.DOC), PushTemplate.class));
    }

    /** Creates the template with its first version; false when a template of that name exists. */
    boolean create(TemplateHead head, PushTemplate first) {
        return transact(
                TransactWriteItem.builder().put(p -> p.tableName(table).item(headItem(head))
                        .conditionExpression("attribute_not_exists(pk)")).build(),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(versionItem(first))).build());
    }

    /** Writes a version (new, or overwriting the latest) with the updated head; false when the template changed meanwhile. */
    boolean putVersion(TemplateHead seen, TemplateHead updated, PushTemplate version) {
        return transact(headUpdate(seen, updated),
                TransactWriteItem.builder().put(p -> p.tableName(table).item(versionItem(version))).build());
    }

    /** Replaces the head provided the given version still exists; false when the template changed meanwhile. */
    boolean replaceHead(TemplateHead seen, TemplateHead updated, int existingVersion) {
        return transact(headUpdate(seen, updated),
                TransactWriteItem.builder().conditionCheck(c -> c.tableName(table)
                        .key(key(seen.name(), versionSortKey(existingVersion)))
                        .conditionExpression("attribute_exists(sk)")).build());
    }

    /** Replaces the head alone (a tag change); false when the template changed meanwhile. */
    boolean replaceHeadOnly(TemplateHead seen, TemplateHead updated) {
        return transact(headUpdate(seen, updated));
    }

    /** Deletes one version with the updated head; false when the template changed meanwhile. */
    boolean deleteVersion(TemplateHead seen, TemplateHead updated, int version) {
        return transact(headUpdate(seen, updated),
                TransactWriteItem.builder().delete(d -> d.tableName(table)
                        .key(key(seen.name(), versionSortKey(version)))
                        .conditionExpression("attribute_exists(sk)")).build());
    }

    /** Deletes a template whose only version this is, head and version together; false when it changed meanwhile. */
    boolean deleteOnlyVersion(TemplateHead seen, int version) {
        return transact(
                TransactWriteItem.builder().delete(d -> d.tableName(table).key(key(seen.name(), HEAD_SORT_KEY))
                        .conditionExpression("#rev = :rev")
                        .expressionAttributeNames(Map.of("#rev", REVISION))
                        .expressionAttributeValues(Map.of(":rev", Items.n(seen.revision())))).build(),
                TransactWriteItem.builder().delete(d -> d.tableName(table)
                        .key(key(seen.name(), versionSortKey(version)))
                        .conditionExpression("attribute_exists(sk)")).build());
    }

    /**
     * Deletes the template and all its versions; false when there was none. Versions go first and the head last,
     * conditional on the revision seen, so a version added meanwhile is found on the next round rather than orphaned.
     */
    boolean deleteAll(String name) {
        boolean deletedSomething = false;
        while (true) {
            Optional<TemplateHead> head = head(name);
            if (head.isEmpty()) {
                return deletedSomething;
            }
            deleteVersionItems(name);
            try {
                dynamoDb.deleteItem(b -> b.tableName(table).key(key(name, HEAD_SORT_KEY))
                        .conditionExpression("#rev = :rev")
                        .expressionAttributeNames(Map.of("#rev", REVISION))
                        .expressionAttributeValues(Map.of(":rev", Items.n(head.get().revision()))));
                return true;
            } catch (ConditionalCheckFailedException changedMeanwhile) {
                deletedSomething = true;
            }
        }
    }

    /** The highest version number below {@code version}, if any. */
    OptionalInt highestVersionBelow(String name, int version) {
        if (version <= 1) {
            return OptionalInt.empty();
        }
        QueryResponse response = dynamoDb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk AND sk BETWEEN :from AND :to")
                .expressionAttributeValues(Map.of(":pk", Items.s(partitionKey(name)),
                        ":from", Items.s(versionSortKey(1)), ":to", Items.s(versionSortKey(version - 1))))
                .scanIndexForward(false).limit(1).projectionExpression("sk").consistentRead(true));
        return response.items().stream()
                .mapToInt(item -> Integer.parseInt(Items.string(item, "sk").substring(VERSION_PREFIX.length())))
                .findFirst();
    }

    /** Templates in name order, optionally only those whose names begin with {@code prefix}. */
    Page<TemplateHead> list(Optional<String> prefix, PageRequest page) {
        Map<String, AttributeValue> values = new HashMap<>();
        values.put(":p", Items.s(LIST_PARTITION));
        prefix.ifPresent(p -> values.put(":prefix", Items.s(p)));
        Optional<Map<String, String>> start = page.token()
                .map(token -> PageToken.decodeInIndex(token, "listPk", "listSk", LIST_PARTITION))
                .map(key -> {
                    // A token of a listing with another Prefix starts outside this one's range: DynamoDB would refuse it.
                    if (prefix.isPresent() && !key.get("listSk").startsWith(prefix.get())) {
                        throw PageToken.invalid();
                    }
                    return key;
                });
        return query(start, page, b -> b.indexName("byName")
                        .keyConditionExpression("listPk = :p" + (prefix.isPresent() ? " AND begins_with(listSk, :prefix)" : ""))
                        .expressionAttributeValues(values), TemplateHead.class);
    }

    /** A template's versions, newest first. */
    Page<PushTemplate> versions(String name, PageRequest page) {
        String partition = partitionKey(name);
        return query(page.token().map(token -> PageToken.decodeWithin(token, partition, VERSION_PREFIX)),
                page, b -> b.keyConditionExpression("pk = :pk AND begins_with(sk, :v)")
                        .expressionAttributeValues(Map.of(":pk", Items.s(partition), ":v", Items.s(VERSION_PREFIX)))
                        .scanIndexForward(false), PushTemplate.class);
    }

    /** One page from {@code start} (the page token, checked to be this listing's: another's is a 400, not a 500). */
    private <T> Page<T> query(Optional<Map<String, String>> start, PageRequest page, Consumer<QueryRequest.Builder> condition,
                              Class<T> type) {
        QueryResponse response = dynamoDb.query(b -> {
            b.tableName(table).limit(page.pageSize());
            condition.accept(b);
            start.map(Items::attributeKey).ifPresent(b::exclusiveStartKey);
        });
        List<T> items = response.items().stream().map(item -> Json.read(Items.string(item, Items.DOC), type)).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? PageToken.encode(Items.stringKey(response.lastEvaluatedKey())) : null;
        return new Page<>(items, next);
    }

    private void deleteVersionItems(String name) {
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> {
                b.tableName(table).keyConditionExpression("pk = :pk AND begins_with(sk, :v)")
                        .expressionAttributeValues(Map.of(":pk", Items.s(partitionKey(name)), ":v", Items.s(VERSION_PREFIX)))
                        .projectionExpression("pk, sk");
                if (from != null) b.exclusiveStartKey(from);
            });
            List<WriteRequest> deletes = new ArrayList<>();
            for (Map<String, AttributeValue> item : page.items()) {
                deletes.add(WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(item).build()).build());
                if (deletes.size() == 25) {
                    batchWrite(deletes);
                    deletes = new ArrayList<>();
                }
            }
            if (!deletes.isEmpty()) batchWrite(deletes);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private void batchWrite(List<WriteRequest> requests) {
        Map<String, List<WriteRequest>> pending = Map.of(table, requests);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> batch = pending;
            BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(batch));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    private TransactWriteItem headUpdate(TemplateHead seen, TemplateHead updated) {
        return TransactWriteItem.builder().put(p -> p.tableName(table).item(headItem(updated))
                .conditionExpression("#rev = :rev")
                .expressionAttributeNames(Map.of("#rev", REVISION))
                .expressionAttributeValues(Map.of(":rev", Items.n(seen.revision())))).build();
    }

    /** Runs a transaction; false when a condition failed or another transaction got to the items first. */
    private boolean transact(TransactWriteItem... items) {
        return Transactions.writeIfUnchanged(dynamoDb, items);
    }

    private Optional<Map<String, AttributeValue>> get(Map<String, AttributeValue> key) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(item);
    }

    private Map<String, AttributeValue> headItem(TemplateHead head) {
        Map<String, AttributeValue> item = new HashMap<>(key(head.name(), HEAD_SORT_KEY));
        item.put("listPk", Items.s(LIST_PARTITION));
        item.put("listSk", Items.s(partitionKey(head.name())));
        item.put(REVISION, Items.n(head.revision()));
        item.put(Items.DOC, Items.s(Json.write(head)));
        return item;
    }

    private Map<String, AttributeValue> versionItem(PushTemplate version) {
        Map<String, AttributeValue> item = new HashMap<>(key(version.name(), versionSortKey(version.version())));
        item.put(Items.DOC, Items.s(Json.write(version)));
        return item;
    }

    private static Map<String, AttributeValue> key(String name, String sortKey) {
        return Map.of("pk", Items.s(partitionKey(name)), "sk", Items.s(sortKey));
    }

    private static String partitionKey(String name) {
        return name + "#" + TemplateType.PUSH.name();
    }

    /** Zero-padded so the string sort key orders versions numerically. */
    private static String versionSortKey(int version) {
        return VERSION_PREFIX + String.format("%010d", version);
    }
}
