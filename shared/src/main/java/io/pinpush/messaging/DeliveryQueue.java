package io.pinpush.messaging;

import io.pinpush.config.DaemonThreads;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.function.Function;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.ChangeMessageVisibilityBatchResponse;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/**
 * The SQS delivery queue. Deliveries travel in {@link DeliveryBundle}s of up to ten, each member settled, retried
 * and recorded on its own by the dispatcher. Bundles go out ten to a SendMessageBatch call, several calls at once
 * for large requests.
 */
public final class DeliveryQueue {

    private static final Logger LOG = LoggerFactory.getLogger(DeliveryQueue.class);
    private static final int SQS_BATCH_LIMIT = 10;
    /** SendMessageBatch takes 256 KiB in all; a little is kept for the request's own JSON. */
    private static final int SQS_BATCH_BYTES = 250_000;
    private static final int PARALLEL_BATCHES = 8;

    private final Supplier<SqsClient> sqs;
    private final Supplier<String> queueUrl;
    private final ExecutorService senders = DaemonThreads.pool(PARALLEL_BATCHES, "pinpush-enqueue");

    /** Both are read on first use, so a function that never queues needs neither an SQS client nor the setting. */
    public DeliveryQueue(Supplier<SqsClient> sqs, Supplier<String> queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    /** Queues every delivery, bundled; returns those SQS would not take, even on a second try. */
    public List<Delivery> enqueue(List<Delivery> deliveries) {
        List<List<DeliveryBundle>> calls = calls(DeliveryBundle.pack(deliveries));
        if (calls.size() <= 1) {
            return calls.isEmpty() ? List.of() : sendWithOneRetry(calls.get(0));
        }
        List<CompletableFuture<List<Delivery>>> sends = calls.stream()
                .map(call -> CompletableFuture.supplyAsync(() -> sendWithOneRetry(call), senders)).toList();
        return sends.stream().flatMap(send -> send.join().stream()).toList();
    }

    /** Lets the message come back after {@code delay} (ChangeMessageVisibility): the dispatcher's backoff. */
    public void redeliverAfter(String receiptHandle, Duration delay) {
        sqs.get().changeMessageVisibility(b -> b.queueUrl(queueUrl.get()).receiptHandle(receiptHandle)
                .visibilityTimeout(visibilitySeconds(delay)));
    }

    /**
     * {@link #redeliverAfter} for several messages, ten to a ChangeMessageVisibilityBatch call.
     *
     * @return the receipt handles whose visibility did not change (they come back after the queue's timeout)
     */
    public List<String> redeliverAfter(Map<String, Duration> delays) {
        List<String> handles = new ArrayList<>(delays.keySet());
        List<String> unchanged = new ArrayList<>();
        for (int from = 0; from < handles.size(); from += SQS_BATCH_LIMIT) {
            List<String> call = handles.subList(from, Math.min(handles.size(), from + SQS_BATCH_LIMIT));
            List<ChangeMessageVisibilityBatchRequestEntry> entries = new ArrayList<>();
            for (int i = 0; i < call.size(); i++) {
                entries.add(ChangeMessageVisibilityBatchRequestEntry.builder().id(Integer.toString(i))
                        .receiptHandle(call.get(i)).visibilityTimeout(visibilitySeconds(delays.get(call.get(i)))).build());
            }
            try {
                ChangeMessageVisibilityBatchResponse response = sqs.get()
                        .changeMessageVisibilityBatch(b -> b.queueUrl(queueUrl.get()).entries(entries));
                response.failed().forEach(f -> unchanged.add(call.get(Integer.parseInt(f.id()))));
            } catch (SdkException e) {
                LOG.warn("ChangeMessageVisibilityBatch failed for {} messages", call.size(), e);
                unchanged.addAll(call);
            }
        }
        return unchanged;
    }

    private static int visibilitySeconds(Duration delay) {
        return (int) Math.min(MAX_VISIBILITY.toSeconds(), Math.max(0, delay.toSeconds()));
    }

    /** SQS's longest message delay. */
    static final Duration MAX_DELAY = Duration.ofMinutes(15);
    /** SQS's longest visibility timeout. */
    private static final Duration MAX_VISIBILITY = Duration.ofHours(12);

    /**
     * Queues deliveries that each become visible after their delay (DelaySeconds, at most 15 minutes), one to a
     * message: how the dispatcher puts back deliveries a campaign's MessagesPerSecond held back.
     *
     * @return those SQS would not take
     */
    public List<Delivery> enqueueAfter(Map<Delivery, Duration> delays) {
        List<DeliveryBundle> singles = delays.keySet().stream().map(DeliveryBundle::single).toList();
        List<Delivery> failed = new ArrayList<>();
        for (List<DeliveryBundle> call : calls(singles)) {
            failed.addAll(send(call, bundle -> (int) Math.min(MAX_DELAY.toSeconds(),
                    Math.max(0, delays.get(bundle.deliveries().get(0)).toSeconds()))));
        }
        return failed;
    }

    /** Groups bundles into SendMessageBatch calls: at most ten entries and {@link #SQS_BATCH_BYTES} each. */
    private static List<List<DeliveryBundle>> calls(List<DeliveryBundle> bundles) {
        List<List<DeliveryBundle>> calls = new ArrayList<>();
        List<DeliveryBundle> call = new ArrayList<>();
        int bytes = 0;
        for (DeliveryBundle bundle : bundles) {
            int size = bundle.bytes();
            if (!call.isEmpty() && (call.size() == SQS_BATCH_LIMIT || bytes + size > SQS_BATCH_BYTES)) {
                calls.add(call);
                call = new ArrayList<>();
                bytes = 0;
            }
            call.add(bundle);
            bytes += size;
        }
        if (!call.isEmpty()) {
            calls.add(call);
        }
        return calls;
    }

    private List<Delivery> sendWithOneRetry(List<DeliveryBundle> call) {
        List<Delivery> failed = send(call, bundle -> null);
        return failed.isEmpty() ? failed : send(DeliveryBundle.pack(failed), bundle -> null);
    }

    private List<Delivery> send(List<DeliveryBundle> call, Function<DeliveryBundle, Integer> delaySeconds) {
        List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
        for (int i = 0; i < call.size(); i++) {
            entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(i))
                    .messageBody(call.get(i).body()).delaySeconds(delaySeconds.apply(call.get(i))).build());
        }
        try {
            SendMessageBatchResponse response = sqs.get().sendMessageBatch(b -> b.queueUrl(queueUrl.get()).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                LOG.warn("SQS refused {} delivery messages: {}", response.failed().size(), response.failed().stream()
                        .map(f -> f.code() + " " + f.message()).distinct().collect(Collectors.joining("; ")));
            }
            return response.failed().stream()
                    .flatMap(f -> call.get(Integer.parseInt(f.id())).deliveries().stream()).toList();
        } catch (SdkException e) {
            LOG.warn("SendMessageBatch failed for {} deliveries", call.stream().mapToInt(b -> b.deliveries().size()).sum(), e);
            return call.stream().flatMap(bundle -> bundle.deliveries().stream()).toList();
        }
    }
}
