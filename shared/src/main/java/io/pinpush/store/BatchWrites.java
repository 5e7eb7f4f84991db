package io.pinpush.store;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * BatchWriteItem for any number of puts and deletes on one table: 25 per call, and the items DynamoDB hands back
 * unprocessed (when throttled; the SDK's retries do not cover them) written again with a short backoff.
 */
public final class BatchWrites {

    public static final int LIMIT = 25;
    private static final int MAX_ROUNDS = 8;

    private BatchWrites() {
    }

    public static void write(DynamoDbClient dynamoDb, String table, List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += LIMIT) {
            Map<String, List<WriteRequest>> pending = Map.of(table, writes.subList(from, Math.min(writes.size(), from + LIMIT)));
            for (int round = 0; !pending.isEmpty(); round++) {
                if (round == MAX_ROUNDS) {
                    throw new IllegalStateException("BatchWriteItem left items unprocessed after " + MAX_ROUNDS + " rounds");
                }
                backOff(round);
                Map<String, List<WriteRequest>> batch = pending;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(batch));
                pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
            }
        }
    }

    private static void backOff(int round) {
        if (round == 0) {
            return;
        }
        try {
            Thread.sleep(Math.min(1000, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while writing a batch", e);
        }
    }
}
