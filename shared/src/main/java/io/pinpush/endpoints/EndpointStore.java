package io.pinpush.endpoints;

import io.pinpush.api.Json;
import io.pinpush.api.Timestamps;
import io.pinpush.channels.ChannelType;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import io.pinpush.store.Backoff;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Endpoints in the {@code endpoints} table; see {@link Tables#ENDPOINTS} for the key scheme.
 *
 * <p>Every item carries a {@code version} number; writes are conditional on it (or on the item not existing
 * yet), so two writers of one endpoint can never silently overwrite each other: the loser is told and retries.
 */
public final class EndpointStore {

    static final int BATCH_GET_LIMIT = 100;
    static final int BATCH_WRITE_LIMIT = 25;
    private static final int MAX_BATCH_ROUNDS = 12;

    /** An endpoint as read, with the version a conditional write must match. */
    record Stored(EndpointResponse endpoint, long version) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    public EndpointStore(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.ENDPOINTS.logicalName());
    }

    Optional<Stored> get(String appId, int shard, String endpointId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(key(appId, shard, endpointId)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(stored(item));
    }

    /** Writes a new endpoint; false when one with this id exists already (someone else created it first). */
    boolean create(int shard, EndpointResponse endpoint) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item(shard, endpoint, 1))
                    .conditionExpression("attribute_not_exists(pk)"));
            return true;
        } catch (ConditionalCheckFailedException exists) {
            return false;
        }
    }

    /** Replaces the endpoint if it is still at {@code expectedVersion}; false when another write came first. */
    boolean replace(int shard, EndpointResponse endpoint, long expectedVersion) {
        try {
            dynamoDb.putItem(b -> b.tableName(table).item(item(shard, endpoint, expectedVersion + 1))
                    .conditionExpression("version = :expected")
                    .expressionAttributeValues(Map.of(":expected", Items.n(expectedVersion))));
            return true;
        } catch (ConditionalCheckFailedException changed) {
            return false;
        }
    }

    /**
     * Writes endpoints that did not exist when read, with BatchWriteItem (25 per call) rather than one conditional
     * put each: the bulk path of import jobs. Unconditional, so an endpoint created by another writer between the
     * read and this write is replaced; import jobs accept that window (see the README, "Import and export jobs").
     */
    void createAll(Map<String, Integer> shardById, List<EndpointResponse> endpoints) {
        List<WriteRequest> puts = endpoints.stream().map(endpoint -> WriteRequest.builder()
                .putRequest(b -> b.item(item(shardById.get(endpoint.id()), endpoint, 1))).build()).toList();
        io.pinpush.store.BatchWrites.write(dynamoDb, table, puts);
    }

    /** Deletes the endpoint and returns it as it was, or empty when there was none. */
    Optional<EndpointResponse> delete(String appId, int shard, String endpointId) {
        Map<String, AttributeValue> old = dynamoDb.deleteItem(b -> b.tableName(table)
                .key(key(appId, shard, endpointId)).returnValues(ReturnValue.ALL_OLD)).attributes();
        return old == null || old.isEmpty() ? Optional.empty() : Optional.of(stored(old).endpoint());
    }

    /** The stored endpoints among {@code shardById}'s ids, read with BatchGetItem in chunks of 100. */
    Map<String, Stored> getAll(String appId, Map<String, Integer> shardById) {
        Map<String, Stored> found = new HashMap<>();
        List<Map<String, AttributeValue>> keys = shardById.entrySet().stream()
                .map(e -> key(appId, e.getValue(), e.getKey())).toList();
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT))).consistentRead(true).build());
            for (int round = 0; !request.isEmpty(); round++) {
                requireRoundsLeft(round, "BatchGetItem");
                Map<String, KeysAndAttributes> pending = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(pending));
                response.responses().getOrDefault(table, List.of()).forEach(item -> {
                    Stored stored = stored(item);
                    found.put(stored.endpoint().id(), stored);
                });
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                if (!request.isEmpty()) Backoff.pause(round);
            }
        }
        return found;
    }

    /** Every endpoint of the user, through the byUser index, oldest first. */
    List<EndpointResponse> byUser(String appId, String userId) {
        return queryIndex("byUser", "userKey", appId + "#" + userId);
    }

    /** Every endpoint of the app with this channel and address, through the byAddress index. */
    List<EndpointResponse> byAddress(String appId, ChannelType channelType, String address) {
        return queryIndex("byAddress", "addressKey", addressKey(appId, channelType, address));
    }

    private List<EndpointResponse> queryIndex(String index, String keyAttribute, String value) {
        List<EndpointResponse> endpoints = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).indexName(index)
                        .keyConditionExpression("#k = :v")
                        .expressionAttributeNames(Map.of("#k", keyAttribute))
                        .expressionAttributeValues(Map.of(":v", Items.s(value))))
                .items().forEach(item -> endpoints.add(stored(item).endpoint()));
        return endpoints;
    }

    /** Every endpoint stored in one shard, page by page. */
    void forEachInShard(String appId, int shard, Consumer<Stored> consumer) {
        dynamoDb.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(partition(appId, shard)))))
                .items().forEach(item -> consumer.accept(stored(item)));
    }

    /** Deletes every endpoint of one shard: keys page by page, BatchWriteItem 25 at a time, unprocessed ones retried. */
    int deleteShard(String appId, int shard) {
        List<WriteRequest> deletes = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table)
                        .keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(partition(appId, shard))))
                        .projectionExpression("pk, sk"))
                .items().forEach(key -> deletes.add(WriteRequest.builder()
                        .deleteRequest(DeleteRequest.builder().key(key).build()).build()));
        for (int from = 0; from < deletes.size(); from += BATCH_WRITE_LIMIT) {
            Map<String, List<WriteRequest>> request = Map.of(table,
                    deletes.subList(from, Math.min(deletes.size(), from + BATCH_WRITE_LIMIT)));
            for (int round = 0; !request.isEmpty(); round++) {
                requireRoundsLeft(round, "BatchWriteItem");
                Map<String, List<WriteRequest>> pending = request;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(pending));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                if (!request.isEmpty()) Backoff.pause(round);
            }
        }
        return deletes.size();
    }

    private static void requireRoundsLeft(int round, String operation) {
        if (round >= MAX_BATCH_ROUNDS) {
            throw new IllegalStateException(operation + " left items unprocessed after " + MAX_BATCH_ROUNDS + " attempts");
        }
    }

    private static Map<String, AttributeValue> item(int shard, EndpointResponse endpoint, long version) {
        Map<String, AttributeValue> item = new HashMap<>(key(endpoint.applicationId(), shard, endpoint.id()));
        item.put(Items.DOC, Items.s(Json.write(endpoint)));
        item.put("version", Items.n(version));
        item.put("created", Items.s(Timestamps.format(endpoint.creationDate() == null ? Instant.EPOCH
                : Instant.parse(endpoint.creationDate()))));
        if (endpoint.userId() != null) {
            item.put("userKey", Items.s(endpoint.applicationId() + "#" + endpoint.userId()));
        }
        if (endpoint.channelType() != null && endpoint.address() != null) {
            item.put("addressKey", Items.s(addressKey(endpoint.applicationId(), endpoint.channelType(), endpoint.address())));
        }
        return item;
    }

    private static Stored stored(Map<String, AttributeValue> item) {
        return new Stored(Json.read(Items.string(item, Items.DOC), EndpointResponse.class),
                Items.number(item, "version", 0));
    }

    private static Map<String, AttributeValue> key(String appId, int shard, String endpointId) {
        return Map.of("pk", Items.s(partition(appId, shard)), "sk", Items.s(endpointId));
    }

    private static String partition(String appId, int shard) {
        return appId + "#" + shard;
    }

    private static String addressKey(String appId, ChannelType channelType, String address) {
        return appId + "#" + channelType.name() + "#" + address;
    }
}
