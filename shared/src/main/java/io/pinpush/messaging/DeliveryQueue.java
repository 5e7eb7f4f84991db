package io.pinpush.messaging;

import io.pinpush.api.Json;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The SQS delivery queue: one message per delivery, so each is retried, delayed and dead-lettered on its own.
 * Sends go out in batches of ten (SendMessageBatch), several batches at once for large requests.
 */
public final class DeliveryQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
    private static final int SQS_BATCH_LIMIT = 10;
    private static final int PARALLEL_BATCHES = 8;

    private final Supplier<SqsClient> sqs;
    private final Supplier<String> queueUrl;
    private final ExecutorService senders = Executors.newFixedThreadPool(PARALLEL_BATCHES, runnable -> {
        Thread thread = new Thread(runnable, "pinpush-enqueue");
        thread.setDaemon(true);
        return thread;
    });

    /** Both are read on first use, so a function that never queues needs neither an SQS client nor the setting. */
    public DeliveryQueue(Supplier<SqsClient> sqs, Supplier<String> queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Queues every delivery; returns those SQS would not take, even on a second try. */
    public List<Delivery> enqueue(List<Delivery> deliveries) {
        List<List<Delivery>> batches = new ArrayList<>();
        for (int from = 0; from < deliveries.size(); from += SQS_BATCH_LIMIT) {
            batches.add(deliveries.subList(from, Math.min(deliveries.size(), from + SQS_BATCH_LIMIT)));
        }
        if (batches.size() <= 1) {
            return batches.isEmpty() ? List.of() : sendWithOneRetry(batches.get(0));
        }
        List<CompletableFuture<List<Delivery>>> sends = batches.stream()
                .map(batch -> CompletableFuture.supplyAsync(() -> sendWithOneRetry(batch), senders)).toList();
        return sends.stream().flatMap(send -> send.join().stream()).toList();
    }

    /** Lets the message come back after {@code delay} (ChangeMessageVisibility): the dispatcher's backoff. */
    public void redeliverAfter(String receiptHandle, Duration delay) {
        sqs.get().changeMessageVisibility(b -> b.queueUrl(queueUrl.get()).receiptHandle(receiptHandle)
                .visibilityTimeout((int) delay.toSeconds()));
    }

    /** SQS's longest message delay. */
    static final Duration MAX_DELAY = Duration.ofMinutes(15);

    /**
     * Queues deliveries that each become visible after their delay (DelaySeconds, at most 15 minutes), ten to a
     * SendMessageBatch call: how the dispatcher puts back deliveries a campaign's MessagesPerSecond held back.
     *
     * @return those SQS would not take
     */
    public List<Delivery> enqueueAfter(Map<Delivery, Duration> delays) {
        List<Delivery> deliveries = new ArrayList<>(delays.keySet());
        List<Delivery> failed = new ArrayList<>();
        for (int from = 0; from < deliveries.size(); from += SQS_BATCH_LIMIT) {
            failed.addAll(send(deliveries.subList(from, Math.min(deliveries.size(), from + SQS_BATCH_LIMIT)),
                    delivery -> (int) Math.min(MAX_DELAY.toSeconds(), Math.max(0, delays.get(delivery).toSeconds()))));
        }
        return failed;
    }

    private List<Delivery> sendWithOneRetry(List<Delivery> batch) {
        List<Delivery> failed = send(batch);
        return failed.isEmpty() ? failed : send(failed);
    }

    private List<Delivery> send(List<Delivery> batch) {
        return send(batch, delivery -> null);
    }

    private List<Delivery> send(List<Delivery> batch, java.util.function.Function<Delivery, Integer> delaySeconds) {
        Map<String, Delivery> byEntryId = new java.util.LinkedHashMap<>();
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < batch.size(); i++) {
            byEntryId.put(Integer.toString(i), batch.get(i));
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(Json.write(batch.get(i))).delaySeconds(delaySeconds.apply(batch.get(i))).build());
        }
        try {
            SendMessageBatchResponse response = sqs.get().sendMessageBatch(b -> b.queueUrl(queueUrl.get()).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                LOG.warn("SQS refused {} deliveries: {}", response.failed().size(), response.failed().stream()
                        .map(f -> f.code() + " " + f.message()).distinct().collect(Collectors.joining("; ")));
            }
            return response.failed().stream().map(f -> byEntryId.get(f.id())).toList();
        } catch (SdkException e) {
            LOG.warn("SendMessageBatch failed for {} deliveries", batch.size(), e);
            return batch;
        }
    }
}
