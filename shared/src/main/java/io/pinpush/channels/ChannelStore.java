package io.pinpush.channels;

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
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/**
 * Channel metadata in the {@code apps} table: {@code pk = appId, sk = "channel#<TYPE>"} (see {@link Tables#APPS}),
 * the {@link Channel} as JSON in {@code doc} and its version in {@code version}, which every write conditions on.
 */
public final class ChannelStore {

    static final String SORT_KEY_PREFIX = "channel#";
    private static final String VERSION = "version";

    private final DynamoDbClient dynamoDb;
    private final String table;

    public ChannelStore(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.APPS.logicalName());
    }

    /**
     * @param consistent a strongly consistent read, for read-modify-write; the dispatcher's cache reads eventually
     *                   consistent, which its TTL already tolerates
     */
    public Optional<Channel> get(String appId, ChannelType type, boolean consistent) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(appId, type))
                .consistentRead(consistent)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(channelOf(item));
    }

    /** Every channel of the app, in channel-type order. */
    public List<Channel> list(String appId) {
        List<Channel> channels = new ArrayList<>();
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> b.tableName(table).consistentRead(true)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", Items.s(appId), ":prefix", Items.s(SORT_KEY_PREFIX)))
                    .exclusiveStartKey(from));
            page.items().forEach(item -> channels.add(channelOf(item)));
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
        return channels;
    }

    /**
     * Writes the channel if the stored one still has {@code expectedVersion} (0: none is stored).
     *
     * @return false when another update or a delete came first; nothing was written
     */
    public boolean put(Channel channel, int expectedVersion) {
        Map<String, AttributeValue> item = new HashMap<>(key(channel.applicationId(), channel.type()));
        item.put(Items.DOC, Items.s(Json.write(channel)));
        item.put(VERSION, Items.n(channel.version()));
        try {
            dynamoDb.putItem(b -> {
                b.tableName(table).item(item);
                if (expectedVersion == 0) {
                    b.conditionExpression("attribute_not_exists(pk)");
                } else {
                    b.conditionExpression("#version = :expected")
                            .expressionAttributeNames(Map.of("#version", VERSION))
                            .expressionAttributeValues(Map.of(":expected", Items.n(expectedVersion)));
                }
            });
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    /** Deletes the channel if it is still at this version; false when it changed or went away meanwhile. */
    public boolean delete(Channel channel) {
        try {
            dynamoDb.deleteItem(b -> b.tableName(table).key(key(channel.applicationId(), channel.type()))
                    .conditionExpression("#version = :expected")
                    .expressionAttributeNames(Map.of("#version", VERSION))
                    .expressionAttributeValues(Map.of(":expected", Items.n(channel.version()))));
            return true;
        } catch (ConditionalCheckFailedException changedMeanwhile) {
            return false;
        }
    }

    /** Removes every channel item of the app, whatever its version (DeleteApp). */
    public void deleteAll(String appId) {
        for (Channel channel : list(appId)) {
            dynamoDb.deleteItem(b -> b.tableName(table).key(key(appId, channel.type())));
        }
    }

    private static Channel channelOf(Map<String, AttributeValue> item) {
        return Json.read(Items.string(item, Items.DOC), Channel.class);
    }

    private static Map<String, AttributeValue> key(String appId, ChannelType type) {
        return Map.of("pk", Items.s(appId), "sk", Items.s(SORT_KEY_PREFIX + type.name()));
    }
}
