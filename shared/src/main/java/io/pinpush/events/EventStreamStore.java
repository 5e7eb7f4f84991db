package io.pinpush.events;

import io.pinpush.api.Json;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/** An app's event stream in the {@code apps} table ({@code pk = appId, sk = "eventstream"}); see {@link Tables#APPS}. */
public final class EventStreamStore {

    static final String SORT_KEY = "eventstream";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public EventStreamStore(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.APPS.logicalName());
    }

    public void put(EventStream stream) {
        Map<String, AttributeValue> item = new HashMap<>(key(stream.applicationId()));
        item.put(Items.DOC, Items.s(Json.write(stream)));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    public Optional<EventStream> get(String appId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(appId))).item();
        return read(item);
    }

    /** Deletes the app's stream and returns it as it was, or empty when there was none. */
    public Optional<EventStream> delete(String appId) {
        return read(dynamoDb.deleteItem(b -> b.tableName(table).key(key(appId)).returnValues(ReturnValue.ALL_OLD))
                .attributes());
    }

    private static Optional<EventStream> read(Map<String, AttributeValue> item) {
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(Json.read(Items.string(item, Items.DOC), EventStream.class));
    }

    private static Map<String, AttributeValue> key(String appId) {
        return Map.of("pk", Items.s(appId), "sk", Items.s(SORT_KEY));
    }
}
