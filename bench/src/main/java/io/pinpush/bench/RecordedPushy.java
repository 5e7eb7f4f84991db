package io.pinpush.bench;

import io.pinpush.config.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchStatementResponse;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;

/**
 * Benchmark (1c): the ceiling a dispatcher with durable outcomes can reach. Raw Pushy, as in (a), plus the one write
 * an exactly-once outcome cannot do without: a conditional record per push (a PartiQL {@code INSERT}, 25 to a
 * {@code BatchExecuteStatement}, 16 writer threads, written as answers come), on the same DynamoDB Local as (b).
 * A push counts when its record is written. No rendering, no channel lookup, no recorded-check, no events, no
 * recipient markers, no endpoint reads: everything else (b) does is Pinpush's overhead over this ceiling.
 *
 * <p>With {@code perRecord > 1} one record holds that many pushes' outcomes (as a record per bundle or per Lambda
 * batch would): the ceiling a dispatcher could reach if it gave up one item per outcome.
 */
final class RecordedPushy implements AutoCloseable {

    private static final int BATCH = 25;
    private static final String TABLE = "bench-outcome-ceiling";

    private final DispatcherVsPushy.RawPushy pushy;
    private final DynamoDbClient dynamoDb;
    private final int perRecord;
    private final ExecutorService writers = Executors.newFixedThreadPool(16, DaemonThreads.named("ceiling-writer"));
    private final ScheduledExecutorService flusher = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("ceiling-flush"));
    private final Object lock = new Object();
    private List<Pending> pending = new ArrayList<>();
    private final String run = UUID.randomUUID().toString();

    private record Pending(String key, String token, CompletableFuture<Boolean> written) {
    }

    RecordedPushy(DispatcherVsPushy.RawPushy pushy, DynamoDbClient dynamoDb, int perRecord) {
        this.pushy = pushy;
        this.dynamoDb = dynamoDb;
        this.perRecord = perRecord;
        dynamoDb.createTable(b -> b.tableName(TABLE).billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(AttributeDefinition.builder().attributeName("pk").attributeType(ScalarAttributeType.S).build(),
                        AttributeDefinition.builder().attributeName("sk").attributeType(ScalarAttributeType.S).build())
                .keySchema(KeySchemaElement.builder().attributeName("pk").keyType(KeyType.HASH).build(),
                        KeySchemaElement.builder().attributeName("sk").keyType(KeyType.RANGE).build()));
        // A partial batch goes out after at most 2 ms, as the dispatcher's writer flushes what is left of a batch.
        flusher.scheduleWithFixedDelay(this::flush, 2, 2, TimeUnit.MILLISECONDS);
    }

    double run(List<String> tokens, int n, int round) throws InterruptedException {
        return InFlightWindow.run("raw Pushy + record", n, pushy.window(), i -> pushy.send(tokens.get(i % tokens.size()))
                .thenCompose(accepted -> accepted
                        ? record(round + "#" + i, tokens.get(i % tokens.size()))
                        : CompletableFuture.completedFuture(false)));
    }

    private CompletableFuture<Boolean> record(String key, String token) {
        Pending item = new Pending(key, token, new CompletableFuture<>());
        List<Pending> full = null;
        synchronized (lock) {
            pending.add(item);
            if (pending.size() >= BATCH * perRecord) {
                full = pending;
                pending = new ArrayList<>();
            }
        }
        if (full != null) {
            List<Pending> batch = full;
            writers.execute(() -> write(batch));
        }
        return item.written();
    }

    private void flush() {
        List<Pending> batch;
        synchronized (lock) {
            if (pending.isEmpty()) {
                return;
            }
            batch = pending;
            pending = new ArrayList<>();
        }
        writers.execute(() -> write(batch));
    }

    private void write(List<Pending> batch) {
        try {
            String expiresAt = Long.toString(System.currentTimeMillis() / 1000 + 86_400);
            List<BatchStatementRequest> statements = new ArrayList<>();
            for (int from = 0; from < batch.size(); from += perRecord) {
                List<Pending> members = batch.subList(from, Math.min(batch.size(), from + perRecord));
                StringBuilder doc = new StringBuilder();
                for (Pending item : members) {
                    // About the size of a recorded outcome: the key, the status, the outcome document, the expiry.
                    doc.append("{\"appId\":\"bench\",\"requestId\":\"").append(run).append("\",\"deliveryId\":\"")
                            .append(item.key()).append("\",\"channel\":\"APNS\",\"address\":\"").append(item.token())
                            .append("\",\"status\":\"SUCCESSFUL\",\"statusCode\":200,\"statusMessage\":\"accepted\",")
                            .append("\"updatedAt\":\"").append(System.currentTimeMillis()).append("\"}");
                }
                statements.add(BatchStatementRequest.builder()
                        .statement("INSERT INTO \"" + TABLE + "\" VALUE {'pk': ?, 'sk': ?, 'status': ?, 'doc': ?, 'expiresAt': ?}")
                        .parameters(AttributeValue.fromS(run), AttributeValue.fromS("delivery#" + members.get(0).key()),
                                AttributeValue.fromS("SUCCESSFUL"), AttributeValue.fromS(doc.toString()), AttributeValue.fromN(expiresAt))
                        .build());
            }
            List<BatchStatementResponse> answers = dynamoDb.batchExecuteStatement(b -> b.statements(statements)).responses();
            for (int i = 0; i < batch.size(); i++) {
                batch.get(i).written().complete(answers.get(i / perRecord).error() == null);
            }
        } catch (RuntimeException e) {
            batch.forEach(item -> item.written().completeExceptionally(e));
        }
    }

    @Override
    public void close() {
        flusher.shutdownNow();
        writers.shutdownNow();
    }
}
