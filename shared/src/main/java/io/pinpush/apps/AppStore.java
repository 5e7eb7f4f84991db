package io.pinpush.apps;

import io.pinpush.api.Json;
import io.pinpush.api.PageRequest;
import io.pinpush.api.PageToken;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Page;
import io.pinpush.store.Tables;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Apps in the {@code apps} table ({@code pk = appId, sk = "app"}); see {@link Tables#APPS}. */
public final class AppStore {

    static final String APP_SORT_KEY = "app";
    private static final String LIST_PARTITION = "apps";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public AppStore(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.APPS.logicalName());
    }

    public void create(App app) {
        Map<String, AttributeValue> item = new HashMap<>(key(app.id()));
        item.put("listPk", Items.s(LIST_PARTITION));
        item.put("listSk", Items.s(app.creationDate() + "#" + app.id()));
        item.put(Items.DOC, Items.s(Json.write(app)));
        dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    public Optional<App> get(String appId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(appId))).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(Json.read(Items.string(item, Items.DOC), App.class));
    }

    /**
     * Replaces the app as {@code seen} with {@code updated}; false when it changed or was deleted in the meantime.
     * The condition is the whole stored document, so a settings update and a tag change never overwrite each other
     * (documents are written only by this class from records, so an app read back serializes to the stored text).
     */
    public boolean replace(App seen, App updated) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(updated.id()))
                    .updateExpression("SET #doc = :doc")
                    .conditionExpression("#doc = :seen")
                    .expressionAttributeNames(Map.of("#doc", Items.DOC))
                    .expressionAttributeValues(Map.of(":doc", Items.s(Json.write(updated)),
                            ":seen", Items.s(Json.write(seen)))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    public Page<App> list(PageRequest page) {
        Optional<Map<String, String>> start = page.token()
                .map(token -> PageToken.decodeInIndex(token, "listPk", "listSk", LIST_PARTITION));
        QueryResponse response = dynamoDb.query(b -> {
            b.tableName(table).indexName("byCreation")
                    .keyConditionExpression("listPk = :p")
                    .expressionAttributeValues(Map.of(":p", Items.s(LIST_PARTITION)))
                    .limit(page.pageSize());
            start.map(Items::attributeKey).ifPresent(b::exclusiveStartKey);
        });
        List<App> apps = response.items().stream()
                .map(item -> Json.read(Items.string(item, Items.DOC), App.class)).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? PageToken.encode(Items.stringKey(response.lastEvaluatedKey())) : null;
        return new Page<>(apps, next);
    }

    public void delete(String appId) {
        dynamoDb.deleteItem(b -> b.tableName(table).key(key(appId)));
    }

    private static Map<String, AttributeValue> key(String appId) {
        return Map.of("pk", Items.s(appId), "sk", Items.s(APP_SORT_KEY));
    }
}
