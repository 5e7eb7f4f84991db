package io.pinpush.store;

import java.util.List;
import java.util.Optional;

/**
 * The shape of one DynamoDB table: string keys, global secondary indexes, an optional TTL attribute.
 * The CDK stack, the local server and the tests all create tables from these specs, so the key scheme
 * is written down exactly once.
 *
 * @param logicalName short name; the physical name comes from {@code PinpushConfig.tableName}
 */
public record TableSpec(String logicalName, String partitionKey, String sortKey, List<IndexSpec> indexes,
                        Optional<String> ttlAttribute) {

    public TableSpec {
        indexes = List.copyOf(indexes);
    }

    /** A global secondary index projecting all attributes; {@code sortKey} may be null. */
    public record IndexSpec(String name, String partitionKey, String sortKey) {
    }
}
