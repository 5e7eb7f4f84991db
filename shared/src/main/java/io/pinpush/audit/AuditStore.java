package io.pinpush.audit;

import io.pinpush.api.Json;
import io.pinpush.api.PageRequest;
import io.pinpush.api.PageToken;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Page;
import io.pinpush.store.Tables;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;

/** Audit records in the {@code audit} table, one partition per scope and UTC day; see {@link Tables#AUDIT}. */
public final class AuditStore {

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration retention;

    public AuditStore(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.AUDIT.logicalName());
        this.retention = config.auditRetention();
    }

    /** The whole days records are kept, at least one: the most {@code days} a query may ask for. */
    public int retentionDays() {
        return (int) Math.max(1, retention.toDays());
    }

    /** The partition prefix of an app's records, or of account-level ones when {@code appId} is null. */
    static String scope(String appId) {
        return appId == null ? "account#" : "app#" + appId + "#";
    }

    public void put(AuditRecord record, Instant at) {
        Map<String, AttributeValue> item = new HashMap<>();
        item.put("pk", Items.s(scope(record.applicationId()) + LocalDate.ofInstant(at, ZoneOffset.UTC)));
        item.put("sk", Items.s(String.format("%013d#%s", at.toEpochMilli(), record.requestId())));
        item.put(Items.DOC, Items.s(Json.write(record)));
        item.put("expiresAt", Items.n(at.plus(retention).getEpochSecond()));
        dynamoDb.putItem(b -> b.tableName(table).item(item));
    }

    /**
     * The records of one scope from the last {@code days} UTC days (today included), newest first. The page token
     * names the day partition and the last record returned; one naming another scope is refused, so a token cannot
     * be edited into a look at another app's trail.
     */
    public Page<AuditRecord> recent(String appId, int days, LocalDate today, PageRequest page) {
        String scope = scope(appId);
        LocalDate oldest = today.minusDays(days - 1L);
        LocalDate day = today;
        Map<String, AttributeValue> start = null;
        if (page.token().isPresent()) {
            Map<String, String> key = PageToken.decode(page.token().get());
            day = dayOf(key.get("pk"), scope);
            if (key.containsKey("sk")) {
                start = Items.attributeKey(Map.of("pk", key.get("pk"), "sk", key.get("sk")));
            }
        }
        List<AuditRecord> records = new ArrayList<>();
        while (!day.isBefore(oldest) && records.size() < page.pageSize()) {
            String pk = scope + day;
            Map<String, AttributeValue> from = start;
            int wanted = page.pageSize() - records.size();
            QueryResponse response = dynamoDb.query(b -> b.tableName(table)
                    .keyConditionExpression("pk = :pk")
                    .expressionAttributeValues(Map.of(":pk", Items.s(pk)))
                    .scanIndexForward(false)
                    .limit(wanted)
                    .exclusiveStartKey(from));
            response.items().forEach(item -> records.add(Json.read(Items.string(item, Items.DOC), AuditRecord.class)));
            if (response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()) {
                start = response.lastEvaluatedKey();
            } else {
                day = day.minusDays(1);
                start = null;
            }
        }
        String next = null;
        if (!day.isBefore(oldest)) {
            next = PageToken.encode(start != null ? Items.stringKey(start) : Map.of("pk", scope + day));
        }
        return new Page<>(records, next);
    }

    private static LocalDate dayOf(String pk, String scope) {
        if (pk == null || !pk.startsWith(scope)) {
            throw PageToken.invalid();
        }
        try {
            return LocalDate.parse(pk.substring(scope.length()));
        } catch (DateTimeParseException e) {
            throw PageToken.invalid();
        }
    }
}
