package io.pinpush.access;

import io.pinpush.api.Json;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;

/** Access key metadata in the {@code accesskeys} table, one item per key; see {@link Tables#ACCESS_KEYS}. */
final class AccessKeyStore {

    private static final String SORT_KEY = "key";

    private final DynamoDbClient dynamoDb;
    private final String table;

    AccessKeyStore(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.ACCESS_KEYS.logicalName());
    }

    /** Writes a new key; false when one with that id exists already. */
    boolean create(AccessKey key) {
        return putIf(key, "attribute_not_exists(pk)");
    }

    /** Replaces an existing key; false when it is gone. */
    boolean replace(AccessKey key) {
        return putIf(key, "attribute_exists(pk)");
    }

    /** Replaces {@code seen} with {@code updated} provided nobody changed the key since it was read. */
    boolean replaceIfUnchanged(AccessKey seen, AccessKey updated) {
        return putIf(updated, "#doc = :seen", Map.of("#doc", Items.DOC), Map.of(":seen", Items.s(Json.write(seen))));
    }

    private boolean putIf(AccessKey key, String condition) {
        return putIf(key, condition, null, null);
    }

    private boolean putIf(AccessKey key, String condition, Map<String, String> names,
                          Map<String, AttributeValue> values) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item(key)).conditionExpression(condition)
                    .expressionAttributeNames(names).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException conditionFailed) {
            return false;
        }
    }

    Optional<AccessKey> get(String accessKeyId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(accessKeyId))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(Json.read(Items.string(item, Items.DOC), AccessKey.class));
    }

    /** Every key: an administrator's listing of a handful of items, so a scan is the honest read. */
    List<AccessKey> all() {
        List<AccessKey> keys = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamoDb.scan(b -> b.tableName(table).exclusiveStartKey(from));
            page.items().forEach(item -> keys.add(Json.read(Items.string(item, Items.DOC), AccessKey.class)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return keys;
    }

    void delete(String accessKeyId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(accessKeyId)));
    }

    private static Map<String, AttributeValue> item(AccessKey key) {
        Map<String, AttributeValue> item = new HashMap<>(key(key.accessKeyId()));
        item.put(Items.DOC, Items.s(Json.write(key)));
        return item;
    }

    private static Map<String, AttributeValue> key(String accessKeyId) {
        return Map.of("pk", Items.s(accessKeyId), "sk", Items.s(SORT_KEY));
    }
}
