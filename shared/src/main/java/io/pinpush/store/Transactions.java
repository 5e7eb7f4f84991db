package io.pinpush.store;

import java.util.List;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems where a failed condition is an answer (someone else wrote first), not an error. */
public final class Transactions {

    private static final String CONDITION_FAILED = "ConditionalCheckFailed";

    private Transactions() {
    }

    /** How a transaction ended, when it did not throw. */
    public record Outcome(boolean written, List<Boolean> conditionFailed) {

        /** Whether the condition of the item at {@code index} (in the order given) was what refused the transaction. */
        public boolean refusedBy(int index) {
            return !written && index < conditionFailed.size() && conditionFailed.get(index);
        }
    }

    /**
     * {@link #write}, tried again after a {@link Backoff} pause while only another writer's transaction on the same
     * items refused it (nothing was applied), at most {@code attempts} times.
     *
     * @return how the first attempt that was not refused that way ended: written, or refused by a condition
     * @throws IllegalStateException when every attempt met another writer's transaction
     */
    public static Outcome writeDecided(DynamoDbClient dynamoDb, int attempts, String what, TransactWriteItem... items) {
        for (int attempt = 0; attempt < attempts; attempt++) {
            Outcome outcome = write(dynamoDb, items);
            if (outcome.written() || outcome.conditionFailed().contains(true)) {
                return outcome;
            }
            Backoff.pause(attempt);
        }
        throw new IllegalStateException(what + ": other writers' transactions refused it " + attempts + " times");
    }

    /** Writes all of {@code items} or none; false when a condition failed or a concurrent transaction interfered. */
    public static boolean writeIfUnchanged(DynamoDbClient dynamoDb, TransactWriteItem... items) {
        return write(dynamoDb, items).written();
    }

    /** Writes all of {@code items} or none, and says which conditions refused it; other failures throw. */
    public static Outcome write(DynamoDbClient dynamoDb, TransactWriteItem... items) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
            return new Outcome(true, List.of());
        } catch (TransactionCanceledException e) {
            boolean lostRace = e.hasCancellationReasons() && e.cancellationReasons().stream()
                    .map(CancellationReason::code)
                    .allMatch(code -> code == null || "None".equals(code) || CONDITION_FAILED.equals(code)
                            || "TransactionConflict".equals(code));
            if (!lostRace) throw e;
            return new Outcome(false, e.cancellationReasons().stream()
                    .map(reason -> CONDITION_FAILED.equals(reason.code())).toList());
        }
    }
}
