package io.pinpush.limits;

import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ReturnValue;

/**
 * A campaign's MessagesPerSecond across every dispatcher instance: one DynamoDB counter per (campaign, UTC second)
 * in the {@link Tables#TRIGGERS} table ({@code pk = "mps#" + appId + "#" + campaignId + "#" + epochSecond},
 * {@code sk = "n"}), expiring a minute later.
 *
 * <p>A dispatcher takes the sends of a whole batch at once: one UpdateItem {@code ADD n :wanted} returning the new
 * value. The slots {@code (new - wanted, new]} are this caller's; those up to the limit may be sent in this second,
 * the rest may not. Since DynamoDB serializes the increments of one item, no two callers ever hold the same slot,
 * so at most {@code limit} sends happen in any second however many dispatchers run. The counter may pass the limit
 * (refused slots are counted too); that is harmless, and tells each caller how much demand is queued ahead of it.
 * A conditional ADD would need a second round trip for a partial grant; this needs one.
 */
public final class SendRateLimiter {

    private static final Duration KEEP = Duration.ofMinutes(1);

    private final DynamoDbClient dynamoDb;
    private final String table;

    public SendRateLimiter(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.TRIGGERS.logicalName());
    }

    /**
     * What a caller got of the second it asked in.
     *
     * @param granted sends allowed now (0 to wanted)
     * @param ahead   slots taken in this second before this caller's, granted or not: the queue in front of it
     */
    public record Grant(int wanted, int granted, long ahead, int limit) {

        /** The same place in the queue with nothing granted: every send waits. */
        public Grant none() {
            return new Grant(wanted, 0, Math.max(ahead, limit), limit);
        }

        /**
         * When the {@code i}-th refused send (0-based, after the granted ones) should try again: the second in which
         * its place in this second's queue would fit under the limit, at least one second on.
         */
        public Duration retryAfter(int refusedIndex) {
            long position = ahead + granted + refusedIndex + 1; // 1-based slot of this send in this second
            long secondsAhead = (position - 1) / limit;           // seconds of full rate in front of it
            return Duration.ofSeconds(Math.max(1, secondsAhead));
        }
    }

    /** Takes up to {@code wanted} of {@code limit} sends for {@code campaignId} in the UTC second of {@code now}. */
    public Grant acquire(String appId, String campaignId, int limit, int wanted, Instant now) {
        if (wanted <= 0) {
            return new Grant(wanted, 0, 0, limit);
        }
        long second = now.getEpochSecond();
        String counter = dynamoDb.updateItem(b -> b.tableName(table)
                .key(Map.of("pk", Items.s("mps#" + appId + "#" + campaignId + "#" + second), "sk", Items.s("n")))
                .updateExpression("ADD n :wanted SET expiresAt = :ttl")
                .expressionAttributeValues(Map.of(":wanted", Items.n(wanted),
                        ":ttl", Items.n(second + KEEP.toSeconds())))
                .returnValues(ReturnValue.UPDATED_NEW))
                .attributes().get("n").n();
        long after = Long.parseLong(counter);
        long ahead = after - wanted;
        int granted = (int) Math.max(0, Math.min(wanted, limit - ahead));
        return new Grant(wanted, granted, ahead, limit);
    }
}
