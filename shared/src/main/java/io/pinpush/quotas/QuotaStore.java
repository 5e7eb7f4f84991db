package io.pinpush.quotas;

import com.fasterxml.jackson.core.type.TypeReference;
import io.pinpush.api.Json;
import io.pinpush.apps.AppScopedData;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/**
 * An app's own request-rate limits, where they differ from Pinpoint's: {@code pk = appId, sk = "quotas"} in the apps
 * table, {@code doc} = {operation: requests per second}. Deleted with the app.
 */
public final class QuotaStore implements AppScopedData {

    private static final String SORT_KEY = "quotas";
    private static final TypeReference<TreeMap<String, Integer>> RATES = new TypeReference<>() { };

    private final DynamoDbClient dynamoDb;
    private final String table;

    public QuotaStore(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.APPS.logicalName());
    }

    /** The app's overrides; empty when it has none. */
    public Map<String, Integer> overrides(String appId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(appId))).item();
        if (item == null || item.isEmpty()) {
            return Map.of();
        }
        try {
            return Map.copyOf(Json.mapper().readValue(Items.string(item, Items.DOC), RATES));
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException("Unreadable quotas of app " + appId, e);
        }
    }

    /** Replaces the app's overrides; an empty map removes the item. */
    public void put(String appId, Map<String, Integer> overrides) {
        if (overrides.isEmpty()) {
            deleteAllOf(appId);
            return;
        }
        Map<String, AttributeValue> item = new HashMap<>(key(appId));
        item.put(Items.DOC, Items.s(Json.write(new TreeMap<>(overrides))));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    @Override
    public void deleteAllOf(String appId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(appId)));
    }

    private static Map<String, AttributeValue> key(String appId) {
        return Map.of("pk", Items.s(appId), "sk", Items.s(SORT_KEY));
    }
}
