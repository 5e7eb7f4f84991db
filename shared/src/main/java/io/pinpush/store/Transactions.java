package io.pinpush.store;

import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/** TransactWriteItems where a failed condition is an answer (someone else wrote first), not an error. */
public final class Transactions {

    private Transactions() {
    }

    /** Writes all of {@code items} or none; false when a condition failed or a concurrent transaction interfered. */
    public static boolean writeIfUnchanged(DynamoDbClient dynamoDb, TransactWriteItem... items) {
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(items));
            return true;
        } catch (TransactionCanceledException e) {
            boolean lostRace = e.hasCancellationReasons() && e.cancellationReasons().stream()
                    .map(CancellationReason::code)
                    .allMatch(code -> code == null || "None".equals(code) || "ConditionalCheckFailed".equals(code)
                            || "TransactionConflict".equals(code));
            if (lostRace) return false;
            throw e;
        }
    }
}
