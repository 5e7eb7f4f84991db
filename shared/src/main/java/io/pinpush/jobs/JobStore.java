package io.pinpush.jobs;

import io.pinpush.api.PageRequest;
import io.pinpush.api.PageToken;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.BatchWrites;
import io.pinpush.store.Items;
import io.pinpush.store.Page;
import io.pinpush.store.Tables;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.DeleteRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryResponse;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/** Jobs, their piece markers and imported segments' members in the {@code jobs} table ({@link Tables#JOBS}). */
final class JobStore {

    /** How many failures a job keeps; Pinpoint reports the first 100. */
    static final int MAX_FAILURES = 100;

    enum Kind {
        IMPORT, EXPORT;

        String prefix() {
            return name().toLowerCase() + "#";
        }
    }

    /** A job as stored: its definition (JSON) and its live progress. */
    record StoredJob(String appId, String id, Kind kind, String definition, String creationDate, JobStatus status,
                     String completionDate, long totalPieces, long completedPieces, long failedPieces,
                     long totalProcessed, long totalFailures, List<String> failures, Map<String, Long> channelCounts,
                     String segmentId) {

        boolean allPiecesDone() {
            return completedPieces + failedPieces >= totalPieces;
        }
    }

    /** What one finished piece adds to its job. */
    record PieceResult(long processed, long failures, List<String> failureReasons, Map<String, Long> channelCounts,
                       boolean failed) {
    }

    private final DynamoDbClient dynamoDb;
    private final String table;

    JobStore(DynamoDbClient dynamoDb, PinpushConfig config) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.JOBS.logicalName());
    }

    void create(String appId, Kind kind, String id, String definitionJson, String creationDate, String segmentId) {
        Map<String, AttributeValue> item = new HashMap<>(key(appId, kind, id));
        item.put(Items.DOC, Items.s(definitionJson));
        item.put("created", Items.s(creationDate));
        item.put("status", Items.s(JobStatus.CREATED.name()));
        for (String counter : List.of("totalPieces", "completedPieces", "failedPieces", "totalProcessed", "totalFailures")) {
            item.put(counter, Items.n(0));
        }
        if (segmentId != null) item.put("segmentId", Items.s(segmentId));
        dynamoDb.putItem(b -> b.tableName(table).item(item).conditionExpression("attribute_not_exists(pk)"));
    }

    Optional<StoredJob> get(String appId, Kind kind, String id) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table).key(key(appId, kind, id))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(job(item));
    }

    /** The app's jobs of one kind, newest first; only those of {@code segmentId} when it is not null. */
    Page<StoredJob> list(String appId, Kind kind, String segmentId, PageRequest page) {
        Optional<Map<String, String>> start = page.token().map(token -> PageToken.decodeWithin(token, appId, kind.prefix()));
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":pk", Items.s(appId), ":prefix", Items.s(kind.prefix())));
        if (segmentId != null) values.put(":segment", Items.s(segmentId));
        QueryResponse response = dynamoDb.query(b -> {
            b.tableName(table).limit(page.pageSize()).consistentRead(true).scanIndexForward(false)
                    .keyConditionExpression("pk = :pk AND begins_with(sk, :prefix)")
                    .expressionAttributeValues(values);
            // The filter applies after Limit: a page of one segment's jobs may be short, its NextToken still right.
            if (segmentId != null) b.filterExpression("segmentId = :segment");
            start.map(Items::attributeKey).ifPresent(b::exclusiveStartKey);
        });
        String next = response.hasLastEvaluatedKey() && !response.lastEvaluatedKey().isEmpty()
                ? PageToken.encode(Items.stringKey(response.lastEvaluatedKey())) : null;
        return new Page<>(response.items().stream().map(JobStore::job).toList(), next);
    }

    /** Moves the job from {@code from} to {@code to}; false when it was not in {@code from}. */
    boolean transition(String appId, Kind kind, String id, JobStatus from, JobStatus to) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(appId, kind, id))
                    .updateExpression("SET #s = :to").conditionExpression("#s = :from")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":to", Items.s(to.name()), ":from", Items.s(from.name()))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /** INITIALIZING to PROCESSING with the number of pieces; false when the job was not initializing. */
    boolean startProcessing(String appId, Kind kind, String id, int totalPieces) {
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(appId, kind, id))
                    .updateExpression("SET #s = :to, totalPieces = :n").conditionExpression("#s = :from")
                    .expressionAttributeNames(Map.of("#s", "status"))
                    .expressionAttributeValues(Map.of(":to", Items.s(JobStatus.PROCESSING.name()),
                            ":from", Items.s(JobStatus.INITIALIZING.name()), ":n", Items.n(totalPieces))));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Ends the job (COMPLETED or FAILED) with its completion date and, when given, one more failure reason, if it
     * still is {@code from}; false when it is not (a copy of the same message got further meanwhile).
     */
    boolean finish(String appId, Kind kind, String id, JobStatus from, JobStatus status, String completionDate,
                   String reason) {
        Map<String, AttributeValue> values = new HashMap<>(Map.of(":s", Items.s(status.name()),
                ":d", Items.s(completionDate), ":from", Items.s(from.name())));
        String update = "SET #s = :s, completionDate = :d";
        if (reason != null) {
            update += ", failures = list_append(if_not_exists(failures, :none), :reason)";
            values.put(":none", AttributeValue.fromL(List.of()));
            values.put(":reason", AttributeValue.fromL(List.of(Items.s(reason))));
        }
        String expression = update;
        try {
            dynamoDb.updateItem(b -> b.tableName(table).key(key(appId, kind, id)).updateExpression(expression)
                    .conditionExpression("#s = :from")
                    .expressionAttributeNames(Map.of("#s", "status")).expressionAttributeValues(values));
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }

    /**
     * Counts one finished piece, once: the piece marker and the counters are one transaction, so a piece that is
     * delivered again adds nothing. False when the piece had been counted already. Failure reasons are appended
     * while the job holds fewer than {@link #MAX_FAILURES} (reads trim to that many).
     */
    boolean countPiece(StoredJob job, int piece, PieceResult result) {
        Map<String, AttributeValue> values = new HashMap<>();
        Map<String, String> names = new HashMap<>();
        StringBuilder add = new StringBuilder("ADD ").append(result.failed() ? "failedPieces" : "completedPieces")
                .append(" :one, totalProcessed :processed, totalFailures :failures");
        values.put(":one", Items.n(1));
        values.put(":processed", Items.n(result.processed()));
        values.put(":failures", Items.n(result.failures()));
        int c = 0;
        for (Map.Entry<String, Long> channel : result.channelCounts().entrySet()) {
            add.append(", #c").append(c).append(" :c").append(c);
            names.put("#c" + c, "ch_" + channel.getKey());
            values.put(":c" + c, Items.n(channel.getValue()));
            c++;
        }
        int room = MAX_FAILURES - job.failures().size();
        List<String> reasons = result.failureReasons().subList(0, Math.max(0, Math.min(room, result.failureReasons().size())));
        if (!reasons.isEmpty()) {
            add.append(" SET failures = list_append(if_not_exists(failures, :none), :reasons)");
            values.put(":none", AttributeValue.fromL(List.of()));
            values.put(":reasons", AttributeValue.fromL(reasons.stream().map(Items::s).toList()));
        }
        Map<String, AttributeValue> marker = Map.of("pk", Items.s(job.appId()),
                "sk", Items.s("piece#" + job.id() + "#" + piece));
        try {
            dynamoDb.transactWriteItems(b -> b.transactItems(
                    t -> t.put(p -> p.tableName(table).item(marker).conditionExpression("attribute_not_exists(pk)")),
                    t -> t.update(u -> {
                        u.tableName(table).key(key(job.appId(), job.kind(), job.id()))
                                .updateExpression(add.toString()).expressionAttributeValues(values);
                        if (!names.isEmpty()) u.expressionAttributeNames(names);
                    })));
            return true;
        } catch (TransactionCanceledException e) {
            if (e.cancellationReasons() != null && !e.cancellationReasons().isEmpty()
                    && "ConditionalCheckFailed".equals(e.cancellationReasons().get(0).code())) {
                return false;
            }
            throw e;
        }
    }

    // ---- Imported segments' members -------------------------------------------------------------------------

    void addMembers(String appId, String jobId, List<String> endpointIds) {
        AttributeValue pk = Items.s(membersKey(appId, jobId));
        BatchWrites.write(dynamoDb, table, endpointIds.stream().distinct()
                .map(id -> WriteRequest.builder().putRequest(p -> p.item(Map.of("pk", pk, "sk", Items.s(id)))).build())
                .toList());
    }

    void forEachMember(String appId, String jobId, Consumer<String> endpointId) {
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(membersKey(appId, jobId)))))
                .items().forEach(item -> endpointId.accept(Items.string(item, "sk")));
    }

    boolean isMember(String appId, String jobId, String endpointId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(Map.of("pk", Items.s(membersKey(appId, jobId)), "sk", Items.s(endpointId)))).item();
        return item != null && !item.isEmpty();
    }

    void putSegmentVersion(String appId, String segmentId, int version, String jobId) {
        dynamoDb.putItem(b -> b.tableName(table).item(Map.of("pk", Items.s(appId),
                "sk", Items.s(segmentVersionKey(segmentId, version)), "jobId", Items.s(jobId))));
    }

    Optional<String> jobOfSegmentVersion(String appId, String segmentId, int version) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(Map.of("pk", Items.s(appId), "sk", Items.s(segmentVersionKey(segmentId, version))))
                .consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty() : Optional.of(Items.string(item, "jobId"));
    }

    /** DeleteApp: every member partition of the app's import jobs, then the app's partition. */
    void deleteAllOf(String appId) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(appId))).projectionExpression("pk, sk"))
                .items().forEach(keys::add);
        for (Map<String, AttributeValue> k : keys) {
            String sk = Items.string(k, "sk");
            if (sk.startsWith(Kind.IMPORT.prefix())) {
                deletePartition(membersKey(appId, sk.substring(Kind.IMPORT.prefix().length())));
            }
        }
        deleteKeys(keys);
    }

    private void deletePartition(String pk) {
        List<Map<String, AttributeValue>> keys = new ArrayList<>();
        dynamoDb.queryPaginator(b -> b.tableName(table).keyConditionExpression("pk = :pk")
                        .expressionAttributeValues(Map.of(":pk", Items.s(pk))).projectionExpression("pk, sk"))
                .items().forEach(keys::add);
        deleteKeys(keys);
    }

    private void deleteKeys(List<Map<String, AttributeValue>> keys) {
        BatchWrites.write(dynamoDb, table, keys.stream()
                .map(k -> WriteRequest.builder().deleteRequest(DeleteRequest.builder().key(k).build()).build()).toList());
    }

    private static StoredJob job(Map<String, AttributeValue> item) {
        String sk = Items.string(item, "sk");
        Kind kind = sk.startsWith(Kind.IMPORT.prefix()) ? Kind.IMPORT : Kind.EXPORT;
        List<String> failures = item.containsKey("failures")
                ? item.get("failures").l().stream().map(AttributeValue::s).limit(MAX_FAILURES).toList() : List.of();
        Map<String, Long> channels = new HashMap<>();
        item.forEach((name, value) -> {
            if (name.startsWith("ch_")) channels.put(name.substring(3), Long.parseLong(value.n()));
        });
        return new StoredJob(Items.string(item, "pk"), sk.substring(kind.prefix().length()), kind,
                Items.string(item, Items.DOC), Items.string(item, "created"),
                JobStatus.valueOf(Items.string(item, "status")),
                item.containsKey("completionDate") ? Items.string(item, "completionDate") : null,
                Items.number(item, "totalPieces", 0), Items.number(item, "completedPieces", 0),
                Items.number(item, "failedPieces", 0), Items.number(item, "totalProcessed", 0),
                Items.number(item, "totalFailures", 0), failures, channels,
                item.containsKey("segmentId") ? Items.string(item, "segmentId") : null);
    }

    private static Map<String, AttributeValue> key(String appId, Kind kind, String id) {
        return Map.of("pk", Items.s(appId), "sk", Items.s(kind.prefix() + id));
    }

    private static String membersKey(String appId, String jobId) {
        return appId + "#members#" + jobId;
    }

    private static String segmentVersionKey(String segmentId, int version) {
        return String.format("segment#%s#%010d", segmentId, version);
    }
}
