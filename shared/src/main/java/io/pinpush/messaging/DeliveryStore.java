package io.pinpush.messaging;

import io.pinpush.api.Json;
import io.pinpush.apps.AppScopedData;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Items;
import io.pinpush.store.Tables;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementErrorCodeEnum;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;
import software.amazon.awssdk.services.dynamodb.model.PutRequest;
import software.amazon.awssdk.services.dynamodb.model.QueryRequest;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;

/**
 * Delivery records in the {@code deliveries} table ({@link Tables#DELIVERIES}): a header per send request and one
 * item per delivery, written once when its outcome is final and removed by TTL after the retention period.
 *
 * <p>The per-delivery item is also the dispatcher's idempotency key: {@link #recordFirsts} writes it only where none
 * exists, so of two dispatchers finishing the same delivery only one records it (and only that one tells the listener).
 */
public final class DeliveryStore implements AppScopedData {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryStore.class);
    static final String HEADER_SORT_KEY = "request";
    static final String DELIVERY_PREFIX = "delivery#";
    private static final int BATCH_WRITE_LIMIT = 25;
    private static final int BATCH_GET_LIMIT = 100;
    /**
     * A mark each outcome write of the dispatcher carries, unique to the write: finding it on a record says the
     * record is that write's, though its answer was lost (see {@link #recordFirsts}).
     */
    private static final String WRITER = "writer";
    private static final int MAX_BATCH_ROUNDS = 8;

    private final DynamoDbClient dynamoDb;
    private final String table;
    private final Duration retention;
    private final Clock clock;
    private final String insertStatement;

    public DeliveryStore(DynamoDbClient dynamoDb, PinpushConfig config, Clock clock) {
        this.dynamoDb = dynamoDb;
        this.table = config.tableName(Tables.DELIVERIES.logicalName());
        this.retention = config.deliveryRetention();
        this.clock = clock;
        // The attributes of item(): keep the two in step.
        this.insertStatement = "INSERT INTO \"" + table + "\" VALUE {'pk': ?, 'sk': ?, 'status': ?, '"
                + Items.DOC + "': ?, 'expiresAt': ?, '" + WRITER + "': ?}";
    }

    /**
     * Writes the request's header, then the outcomes decided without a provider as {@link #recordNew} does:
     * {@code written} hears those written now (a request id sent again, as a retried asynchronous invocation does,
     * finds them recorded and does not hear them again).
     */
    public void begin(SendPlan plan, String created, Consumer<DeliveryOutcome> written) {
        Map<String, AttributeValue> header = new HashMap<>(key(plan.requestId(), HEADER_SORT_KEY));
        header.put("appId", Items.s(plan.appId()));
        header.put("created", Items.s(created + "#" + plan.requestId()));
        header.put(Items.DOC, Items.s(Json.write(
                new SendRecord(plan.appId(), plan.requestId(), plan.traceId(), created, plan.size(), queuedTargets(plan)))));
        header.put("expiresAt", expiresAt());
        batchWrite(List.of(header));
        recordNew(plan.decided(), written);
    }

    private static Map<Integer, DeliveryTarget> queuedTargets(SendPlan plan) {
        Map<Integer, DeliveryTarget> queued = new TreeMap<>();
        plan.deliveries().forEach(d -> queued.put(d.index(), d.target()));
        return queued;
    }

    /**
     * Records outcomes the sender decided itself (a campaign's opted-out endpoint, a delivery SQS did not take), each
     * only where no outcome of its delivery is recorded yet, and returns those it wrote: only they are the caller's
     * to report and stream. A redone campaign batch finds its earlier outcomes; a delivery SQS took after all (its
     * SendMessageBatch call failed on the way back) may already have the dispatcher's. {@code written} hears each
     * one written, before this throws for any that could not be (so that the caller fails rather than leave an
     * outcome unrecorded, and a retry finds the written ones recorded and does not hear them again).
     */
    public void recordNew(List<DeliveryOutcome> outcomes, Consumer<DeliveryOutcome> written) {
        List<Recorded> answers = recordFirsts(outcomes);
        for (int i = 0; i < outcomes.size(); i++) {
            if (answers.get(i) == Recorded.WRITTEN) {
                written.accept(outcomes.get(i));
            }
        }
        if (answers.contains(Recorded.FAILED)) {
            throw new IllegalStateException("Could not record " + answers.stream().filter(Recorded.FAILED::equals).count()
                    + " outcomes decided before the queue");
        }
    }

    /** What became of one outcome given to {@link #recordFirsts}. */
    public enum Recorded {
        /** Written now: this writer won, and only it tells the listener. */
        WRITTEN,
        /** Another attempt had recorded this delivery's outcome first. */
        ALREADY,
        /** Not written (throttled, or the call failed): the delivery must come back. */
        FAILED
    }

    /**
     * Records final outcomes unless one is already recorded for the delivery: the dispatcher's idempotency key.
     * PartiQL {@code INSERT}s, 25 to a BatchExecuteStatement call: an INSERT fails on an existing key, so each is a
     * conditional put (same write units), and each statement succeeds or fails on its own.
     *
     * @return one answer per outcome, in order
     */
    public List<Recorded> recordFirsts(List<DeliveryOutcome> outcomes) {
        List<Recorded> answers = new ArrayList<>(outcomes.size());
        for (int from = 0; from < outcomes.size(); from += BATCH_WRITE_LIMIT) {
            List<DeliveryOutcome> chunk = outcomes.subList(from, Math.min(outcomes.size(), from + BATCH_WRITE_LIMIT));
            List<String> marks = chunk.stream().map(outcome -> UUID.randomUUID().toString()).toList();
            List<BatchStatementRequest> statements = new ArrayList<>(chunk.size());
            for (int i = 0; i < chunk.size(); i++) {
                Map<String, AttributeValue> item = item(chunk.get(i));
                statements.add(BatchStatementRequest.builder().statement(insertStatement)
                        .parameters(item.get("pk"), item.get("sk"), item.get("status"), item.get(Items.DOC),
                                item.get("expiresAt"), Items.s(marks.get(i))).build());
            }
            List<Recorded> chunkAnswers = new ArrayList<>(chunk.size());
            try {
                List<BatchStatementResponse> responses = dynamoDb.batchExecuteStatement(b -> b.statements(statements)).responses();
                for (BatchStatementResponse response : responses) {
                    chunkAnswers.add(response.error() == null ? Recorded.WRITTEN
                            : response.error().code() == BatchStatementErrorCodeEnum.DUPLICATE_ITEM ? Recorded.ALREADY
                            : Recorded.FAILED);
                }
            } catch (SdkException e) {
                LOG.warn("Could not record {} outcomes; checking which were written", chunk.size(), e);
                chunk.forEach(outcome -> chunkAnswers.add(Recorded.FAILED));
            }
            answers.addAll(ownWritesAmong(chunk, marks, chunkAnswers));
        }
        return answers;
    }

    /**
     * The answers, with each write that was this call's own turned to WRITTEN. A write can land without its answer
     * reaching us: the SDK then either tries it again, and the retry finds the item (ALREADY), or gives up (FAILED).
     * Taken at their word, the outcome would be recorded with nobody told (no event, no count): the message, back
     * on the queue, would find it recorded and be acknowledged. The mark each INSERT carries tells the two apart; only
     * the writes not answered WRITTEN are read again, which is rare.
     */
    private List<Recorded> ownWritesAmong(List<DeliveryOutcome> chunk, List<String> marks, List<Recorded> answers) {
        List<Integer> unsure = new ArrayList<>();
        for (int i = 0; i < answers.size(); i++) {
            if (answers.get(i) != Recorded.WRITTEN) {
                unsure.add(i);
            }
        }
        if (unsure.isEmpty()) {
            return answers;
        }
        Map<String, String> writers;
        try {
            writers = writers(unsure.stream().map(i -> key(chunk.get(i).requestId(), sortKey(chunk.get(i).index()))).toList());
        } catch (RuntimeException e) { // the SDK's, or still throttled after the read's own retries
            LOG.warn("Could not read back {} outcome records; taking their writes' answers as they came", unsure.size(), e);
            return answers;
        }
        List<Recorded> checked = new ArrayList<>(answers);
        for (int i : unsure) {
            DeliveryOutcome outcome = chunk.get(i);
            if (marks.get(i).equals(writers.get(Delivery.deliveryId(outcome.requestId(), outcome.index())))) {
                LOG.info("The outcome of {} was written though its write was not answered as such", outcome.requestId()
                        + "/" + outcome.index());
                checked.set(i, Recorded.WRITTEN);
            }
        }
        return checked;
    }

    /** The writer mark of each recorded outcome among {@code keys}, by delivery id (strongly consistent). */
    private Map<String, String> writers(List<Map<String, AttributeValue>> keys) {
        Map<String, String> writers = new HashMap<>();
        readOutcomes(keys, "pk, sk, " + WRITER, item -> writers.put(deliveryIdOf(item), Items.string(item, WRITER)));
        return writers;
    }

    /** The ids of those deliveries whose outcome is already recorded (strongly consistent). */
    public Set<String> recorded(Collection<Delivery> deliveries) {
        Set<String> found = new HashSet<>();
        readOutcomes(deliveries.stream().map(d -> key(d.requestId(), sortKey(d.index()))).distinct().toList(), "pk, sk",
                item -> found.add(deliveryIdOf(item)));
        return found;
    }

    /** Reads the outcome records among {@code keys} (those that exist), strongly consistent, 100 keys to a call. */
    private void readOutcomes(List<Map<String, AttributeValue>> keys, String projection,
                              Consumer<Map<String, AttributeValue>> found) {
        for (int from = 0; from < keys.size(); from += BATCH_GET_LIMIT) {
            Map<String, KeysAndAttributes> request = Map.of(table, KeysAndAttributes.builder()
                    .keys(keys.subList(from, Math.min(keys.size(), from + BATCH_GET_LIMIT)))
                    .projectionExpression(projection).consistentRead(true).build());
            for (int round = 0; !request.isEmpty(); round++) {
                Map<String, KeysAndAttributes> next = request;
                BatchGetItemResponse response = dynamoDb.batchGetItem(b -> b.requestItems(next));
                response.responses().getOrDefault(table, List.of()).forEach(found);
                request = response.hasUnprocessedKeys() ? response.unprocessedKeys() : Map.of();
                throttleBetween(round, !request.isEmpty(), "BatchGetItem");
            }
        }
    }

    private static String deliveryIdOf(Map<String, AttributeValue> item) {
        return Delivery.deliveryId(Items.string(item, "pk"), indexOf(Items.string(item, "sk")));
    }

    /** The recorded outcomes of the request, in delivery order (strongly consistent). */
    public List<DeliveryOutcome> outcomes(String requestId) {
        List<DeliveryOutcome> outcomes = new ArrayList<>();
        for (var page : dynamoDb.queryPaginator(outcomesQuery(requestId).build())) {
            page.items().forEach(item -> outcomes.add(Json.read(Items.string(item, Items.DOC), DeliveryOutcome.class)));
        }
        return outcomes;
    }

    public Optional<SendRecord> request(String requestId) {
        Map<String, AttributeValue> item = dynamoDb.getItem(b -> b.tableName(table)
                .key(key(requestId, HEADER_SORT_KEY)).consistentRead(true)).item();
        return item == null || item.isEmpty() ? Optional.empty()
                : Optional.of(Json.read(Items.string(item, Items.DOC), SendRecord.class));
    }

    /** Removes every delivery record of the app (DeleteApp): its headers through {@code byApp}, then each request's items. */
    @Override
    public void deleteAllOf(String appId) {
        QueryRequest headers = QueryRequest.builder().tableName(table).indexName("byApp")
                .keyConditionExpression("appId = :a").expressionAttributeValues(Map.of(":a", Items.s(appId)))
                .projectionExpression("pk").build();
        for (var page : dynamoDb.queryPaginator(headers)) {
            for (Map<String, AttributeValue> header : page.items()) {
                deleteRequest(Items.string(header, "pk"));
            }
        }
    }

    private void deleteRequest(String requestId) {
        List<WriteRequest> deletes = new ArrayList<>();
        QueryRequest all = QueryRequest.builder().tableName(table).keyConditionExpression("pk = :p")
                .expressionAttributeValues(Map.of(":p", Items.s(requestId))).projectionExpression("pk, sk").build();
        for (var page : dynamoDb.queryPaginator(all)) {
            page.items().forEach(item -> deletes.add(WriteRequest.builder()
                    .deleteRequest(d -> d.key(key(Items.string(item, "pk"), Items.string(item, "sk")))).build()));
        }
        writeInBatches(deletes);
    }

    private QueryRequest.Builder outcomesQuery(String requestId) {
        return QueryRequest.builder().tableName(table).consistentRead(true)
                .keyConditionExpression("pk = :p AND begins_with(sk, :d)")
                .expressionAttributeValues(Map.of(":p", Items.s(requestId), ":d", Items.s(DELIVERY_PREFIX)));
    }

    private Map<String, AttributeValue> item(DeliveryOutcome outcome) {
        Map<String, AttributeValue> item = new HashMap<>(key(outcome.requestId(), sortKey(outcome.index())));
        item.put("status", Items.s(outcome.result().deliveryStatus().name()));
        item.put(Items.DOC, Items.s(Json.write(outcome)));
        item.put("expiresAt", expiresAt());
        return item;
    }

    private void batchWrite(List<Map<String, AttributeValue>> items) {
        writeInBatches(items.stream()
                .map(item -> WriteRequest.builder().putRequest(PutRequest.builder().item(item).build()).build())
                .toList());
    }

    private void writeInBatches(List<WriteRequest> writes) {
        for (int from = 0; from < writes.size(); from += BATCH_WRITE_LIMIT) {
            Map<String, List<WriteRequest>> request =
                    Map.of(table, writes.subList(from, Math.min(writes.size(), from + BATCH_WRITE_LIMIT)));
            for (int round = 0; !request.isEmpty(); round++) {
                Map<String, List<WriteRequest>> next = request;
                BatchWriteItemResponse response = dynamoDb.batchWriteItem(b -> b.requestItems(next));
                request = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
                throttleBetween(round, !request.isEmpty(), "BatchWriteItem");
            }
        }
    }

    /** DynamoDB hands back unprocessed items when throttled; the SDK's retries do not cover them. */
    private static void throttleBetween(int round, boolean more, String operation) {
        if (!more) {
            return;
        }
        if (round + 1 >= MAX_BATCH_ROUNDS) {
            throw new IllegalStateException(operation + " left items unprocessed after " + MAX_BATCH_ROUNDS + " rounds");
        }
        try {
            Thread.sleep(Math.min(1000, 25L << round));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(operation + " interrupted", e);
        }
    }

    private AttributeValue expiresAt() {
        return Items.n(clock.instant().plus(retention).getEpochSecond());
    }

    static String sortKey(int index) {
        return DELIVERY_PREFIX + String.format("%06d", index);
    }

    private static int indexOf(String sortKey) {
        return Integer.parseInt(sortKey.substring(DELIVERY_PREFIX.length()));
    }

    private static Map<String, AttributeValue> key(String requestId, String sortKey) {
        return Map.of("pk", Items.s(requestId), "sk", Items.s(sortKey));
    }
}
