package io.pinpush.quotas;

import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;

/**
 * Hands out request permits per (app, operation, second) so that, across every Lambda instance sharing the quotas
 * table, no more than the limit are handed out in any one second.
 *
 * <p>Each second has one counter item; an instance takes permits with a conditional ADD that succeeds only while the
 * counter stays at or below the limit, so the sum over all instances never exceeds it. To keep the cost per request
 * low, an instance takes permits in blocks and spends them locally: its first request in a second takes 1, and each
 * time its block runs out within the same second it takes twice as many (up to {@link #MAX_BLOCK}). An instance that
 * sees one request a second pays one write per request; a busy one pays about one write per {@link #MAX_BLOCK}
 * requests. Permits an instance took but did not use in its second are lost: the limit can be under-used (by at most
 * each busy instance's last block), never exceeded. Once a single permit is refused, the instance refuses the rest of
 * that second without asking again: the counter only grows within a second.
 */
public final class QuotaCounters {

    /** The largest block of permits one write takes. */
    static final int MAX_BLOCK = 64;
    /** Counter items outlive their second by this much, then DynamoDB's TTL removes them. */
    private static final long KEEP_SECONDS = 60;
    /** Local state kept for at most this many (app, operation) pairs; beyond that it starts afresh. */
    private static final int MAX_TRACKED = 10_000;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Map<String, Window> windows = new ConcurrentHashMap<>();

    public QuotaCounters(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.QUOTAS.logicalName());
    }

    /** Takes one permit for a call of {@code operation} on {@code appId} in epoch second {@code second}. */
    public boolean tryAcquire(String appId, String operation, int limit, long second) {
        if (windows.size() > MAX_TRACKED) {
            windows.clear();
        }
        String counter = appId + "#" + operation;
        Window window = windows.computeIfAbsent(counter, k -> new Window());
        synchronized (window) {
            if (window.second != second) {
                window.second = second;
                window.remaining = 0;
                window.nextBlock = 1;
                window.exhausted = false;
            }
            if (window.remaining > 0) {
                window.remaining--;
                return true;
            }
            if (window.exhausted) {
                return false;
            }
            int block = Math.min(window.nextBlock, limit);
            if (block > 0 && reserve(counter, second, block, limit)) {
                window.remaining = block - 1;
                window.nextBlock = Math.min(block * 2, MAX_BLOCK);
                return true;
            }
            // Fewer than a block left: try for the last permits one at a time.
            if (block > 1 && reserve(counter, second, 1, limit)) {
                window.nextBlock = 1;
                return true;
            }
            window.exhausted = true;
            return false;
        }
    }

    /** One conditional ADD: {@code n += permits} only if the result stays within {@code limit}. */
    private boolean reserve(String counter, long second, int permits, int limit) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table)
                    .key(Map.of("pk", Items.s(counter + "#" + second)))
                    .updateExpression("ADD n :permits SET expiresAt = if_not_exists(expiresAt, :expires)")
                    .conditionExpression("attribute_not_exists(n) OR n <= :most")
                    .expressionAttributeValues(Map.of(
                            ":permits", Items.n(permits),
                            ":most", Items.n(limit - permits),
                            ":expires", Items.n(second + KEEP_SECONDS))));
            return true;
        } catch (ConditionalCheckFailedException full) {
            return false;
        }
    }

    /** What this instance holds of one counter's current second. */
    private static final class Window {
        long second = Long.MIN_VALUE;
        int remaining;
        int nextBlock = 1;
        boolean exhausted;
    }
}
