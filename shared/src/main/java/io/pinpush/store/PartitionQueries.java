package io.pinpush.store;

import io.pinpush.api.PageRequest;
import io.pinpush.api.PageToken;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Reads and deletes by sort-key prefix in one partition of a {@code pk}/{@code sk} table: the listings and cascades
 * of tables that keep one partition per app (segments, campaigns).
 */
public final class PartitionQueries {

    private final DynamoDbClient dynamoDb;
    private final String table;

    public PartitionQueries(DynamoDbClient dynamoDb, String table) {
        this.dynamoDb = dynamoDb;
        this.table = table;
    }

    /**
     * One page of the items of partition {@code pk} whose sort key begins with {@code prefix}, in sort-key order
     * ({@code forward}) or the reverse. A token that does not continue this very listing is a 400.
     */
    public <T> Page<T> page(String pk, String prefix, PageRequest page, boolean forward,
                            Function<Map<String, AttributeValue>, T> read) {
        Optional<Map<String, String>> start = page.token().map(token -> PageToken.decodeWithin(token, pk, prefix));
        QueryResponse response = dynamoDb.query(b -> {
            b.tableName(table).limit(page.pageSize()).consistentRead(true).scanIndexForward(forward)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(Map.of(":pk", Items.s(pk), ":prefix", Items.s(prefix)));
            start.map(Items::attributeKey).ifPresent(b::exclusiveStartKey);
        });
        List<T> items = response.items().stream().map(read).toList();
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? PageToken.encode(Items.stringKey(response.lastEvaluatedKey())) : null;
        return new Page<>(items, next);
    }

    /** Deletes the items of partition {@code pk} whose sort key begins with {@code prefix}, or all when it is null. */
    public void deleteWhere(String pk, String prefix) {
        // DynamoDB refuses begins_with on an empty string.
        Map<String, AttributeValue> values = prefix == null ? Map.of(":pk", Items.s(pk))
                : Map.of(":pk", Items.s(pk), ":prefix", Items.s(prefix));
        String condition = prefix == null ? "pk = :pk" : "pk = :pk AND begins_with(sk, :prefix)";
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            QueryResponse page = dynamoDb.query(b -> {
                b.tableName(table).keyConditionExpression(condition).expressionAttributeValues(values)
                        .projectionExpression("pk, sk").consistentRead(true);
                if (from != null) b.exclusiveStartKey(from);
            });
            List<WriteRequest> deletes = new ArrayList<>();
            page.items().forEach(key -> deletes.add(
                    WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(key).build()).build()));
            BatchWrites.write(dynamoDb, table, deletes);
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }
}
