package io.pinpush.messaging;

import io.pinpush.api.Json;
import io.pinpush.api.Timestamps;
import io.pinpush.providers.DeliveryResult;
import io.pinpush.providers.ProviderOutcome;
import io.pinpush.providers.PushGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the delivery queue: pushes each delivery through its provider and settles it, one SQS batch at a time.
 *
 * <ul>
 *   <li>A delivery whose outcome is already recorded is acknowledged without a push (SQS delivers at least once).</li>
 *   <li>Throttled and temporary failures stay on the queue: the message's visibility timeout is set to the backoff
 *       delay (nothing sleeps) and it is reported as a batch item failure, until attempts or the notification's
 *       lifetime run out.</li>
 *   <li>A final outcome is recorded with one conditional write; only the writer that wins it updates the endpoint
 *       (INACTIVE on a dead token, the provider's replacement token) and tells the listener.</li>
 *   <li>A message that is not a delivery is a poison message: it is failed at once, every time, until the queue's
 *       redrive policy moves it to the dead-letter queue.</li>
 * </ul>
 *
 * <p>The one window for a duplicate push: the provider accepted a notification but the outcome was not recorded
 * (the function died, or DynamoDB refused the write). The message comes back and is pushed again.
 */
public final class Dispatcher {

    private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
    /**
     * Not ten (one per message of a full batch): the SDK's URLConnection HTTP client keeps at most five idle
     * connections per host (the JDK's {@code http.maxConnections}), so extra writers would open and drop a new
     * TLS connection on every batch. Five at once makes a batch's ten writes two round trips, on warm connections.
     */
    private static final int PARALLEL_SETTLES = 5;
    /** How soon deliveries come back when the gate could not decide about them. */
    private static final Duration GATE_UNAVAILABLE_DELAY = Duration.ofSeconds(2);

    /** One SQS message as the event source hands it over. */
    public record QueuedMessage(String messageId, String receiptHandle, String body, int receiveCount) {
    }

    private final PushGateway gateway;
    private final DeliveryStore store;
    private final DeliveryQueue queue;
    private final EndpointDirectory endpoints;
    private final DeliveryListener listener;
    private final RetryPolicy retry;
    private final Clock clock;
    private final DoubleSupplier random;
    private final DeliveryGate gate;
    /**
     * Settling is blocking DynamoDB work (a conditional PutItem, sometimes an endpoint update); done one after
     * another it set the batch's time to ten round trips. Shared across invocations.
     */
    private final ExecutorService settlers = Executors.newFixedThreadPool(PARALLEL_SETTLES, runnable -> {
        Thread thread = new Thread(runnable, "pinpush-settle");
        thread.setDaemon(true);
        return thread;
    });

    public Dispatcher(PushGateway gateway, DeliveryStore store, DeliveryQueue queue, EndpointDirectory endpoints,
                      DeliveryListener listener, RetryPolicy retry, Clock clock, DoubleSupplier random) {
        this(gateway, store, queue, endpoints, listener, retry, clock, random, DeliveryGate.OPEN);
    }

    /** @param gate what may leave now (campaign Limits); {@link DeliveryGate#OPEN} for none */
    public Dispatcher(PushGateway gateway, DeliveryStore store, DeliveryQueue queue, EndpointDirectory endpoints,
                      DeliveryListener listener, RetryPolicy retry, Clock clock, DoubleSupplier random,
                      DeliveryGate gate) {
        this.gateway = gateway;
        this.gate = gate;
        this.store = store;
        this.queue = queue;
        this.endpoints = endpoints;
        this.listener = new SafeListener(listener);
        this.retry = retry;
        this.clock = clock;
        this.random = random;
    }

    /**
     * Settles what it can of the batch before {@code deadline}.
     *
     * @return the ids of the messages to leave on the queue (the batch item failures)
     */
    public List<String> dispatch(List<QueuedMessage> messages, Instant deadline) {
        List<String> failures = new ArrayList<>();
        Map<QueuedMessage, Delivery> deliveries = new LinkedHashMap<>();
        for (QueuedMessage message : messages) {
            Delivery delivery = parse(message);
            if (delivery == null) {
                failures.add(message.messageId());
                redeliver(message, Duration.ZERO);
            } else {
                deliveries.put(message, delivery);
            }
        }

        Set<String> alreadyFinal = store.recorded(deliveries.values());
        Set<String> inThisBatch = new HashSet<>();
        Map<QueuedMessage, Delivery> candidates = new LinkedHashMap<>();
        deliveries.forEach((message, delivery) -> {
            if (alreadyFinal.contains(delivery.deliveryId())) {
                LOG.info("Delivery {} already has its outcome; acknowledged without a push", delivery.deliveryId());
            } else if (!inThisBatch.add(delivery.deliveryId())) {
                failures.add(message.messageId()); // its twin in this batch settles it; the record check decides next time
            } else {
                candidates.put(message, delivery);
            }
        });

        Map<QueuedMessage, CompletableFuture<Boolean>> settling = new LinkedHashMap<>();
        Map<QueuedMessage, CompletableFuture<ProviderOutcome>> pushes = new LinkedHashMap<>();
        Map<QueuedMessage, DeliveryGate.Decision> decisions = decide(candidates);
        Map<QueuedMessage, Duration> deferred = new LinkedHashMap<>();
        decisions.forEach((message, decision) -> {
            Delivery delivery = candidates.get(message);
            if (decision instanceof DeliveryGate.Send) {
                pushes.put(message, push(delivery));
            } else if (decision instanceof DeliveryGate.Defer defer) {
                deferred.put(message, defer.delay());
            } else if (decision instanceof DeliveryGate.Drop drop) {
                settling.put(message, CompletableFuture.supplyAsync(
                        () -> settleWithoutPush(message, delivery, drop.result()), settlers));
            }
        });

        failures.addAll(requeue(deferred, candidates));
        awaitAll(pushes.values(), deadline);
        pushes.forEach((message, push) -> {
            if (!push.isDone()) {
                LOG.warn("No provider answer for {} before the function's deadline; it will be retried",
                        deliveries.get(message).deliveryId());
                settling.put(message, CompletableFuture.completedFuture(false));
            } else {
                Delivery delivery = deliveries.get(message);
                ProviderOutcome outcome = push.join();
                settling.put(message, CompletableFuture.supplyAsync(
                        () -> settleOrLeave(message, delivery, outcome), settlers));
            }
        });
        settling.forEach((message, settled) -> {
            if (!awaitSettled(settled, deliveries.get(message))) {
                failures.add(message.messageId());
            }
        });
        return failures;
    }

    /**
     * The gate's decision for each candidate. If the gate cannot decide (its store is unreachable), nothing is pushed:
     * pushing could break a campaign's Limits, while waiting a few seconds costs little.
     */
    private Map<QueuedMessage, DeliveryGate.Decision> decide(Map<QueuedMessage, Delivery> candidates) {
        Map<QueuedMessage, DeliveryGate.Decision> decisions = new LinkedHashMap<>();
        if (candidates.isEmpty()) {
            return decisions;
        }
        List<QueuedMessage> messages = new ArrayList<>(candidates.keySet());
        List<DeliveryGate.Decision> decided;
        try {
            decided = gate.decide(new ArrayList<>(candidates.values()), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Could not decide whether {} deliveries may go now; trying them again shortly", messages.size(), e);
            decided = java.util.Collections.nCopies(messages.size(), new DeliveryGate.Defer(GATE_UNAVAILABLE_DELAY));
        }
        for (int i = 0; i < messages.size(); i++) {
            decisions.put(messages.get(i), decided.get(i));
        }
        return decisions;
    }

    /**
     * Puts deferred deliveries back as new messages that become visible after their delay, and acknowledges the ones
     * received: a deferral is not an attempt, so it must not use up the receives the queue's redrive policy allows.
     * A delivery whose new message did not go out keeps its received message (invisible for its delay).
     *
     * @return the ids of the received messages to leave on the queue
     */
    private List<String> requeue(Map<QueuedMessage, Duration> deferred, Map<QueuedMessage, Delivery> candidates) {
        if (deferred.isEmpty()) {
            return List.of();
        }
        Map<Delivery, Duration> delays = new LinkedHashMap<>();
        Map<Delivery, QueuedMessage> messages = new java.util.IdentityHashMap<>();
        deferred.forEach((message, delay) -> {
            delays.put(candidates.get(message), delay);
            messages.put(candidates.get(message), message);
        });
        List<Delivery> notQueued;
        try {
            notQueued = queue.enqueueAfter(delays);
        } catch (RuntimeException e) {
            LOG.warn("Could not put {} deferred deliveries back on the queue; they come back later", delays.size(), e);
            notQueued = new ArrayList<>(delays.keySet());
        }
        List<String> kept = new ArrayList<>();
        for (Delivery delivery : notQueued) {
            QueuedMessage message = messages.get(delivery);
            redeliver(message, delays.get(delivery));
            kept.add(message.messageId());
        }
        return kept;
    }

    /** A delivery the gate ended without a push: recorded and told like any other outcome. */
    private boolean settleWithoutPush(QueuedMessage message, Delivery delivery, MessageResult result) {
        try {
            DeliveryOutcome settled = delivery.outcome(result, message.receiveCount() - 1, Timestamps.now(clock));
            if (store.record(settled)) {
                listener.onOutcome(settled);
            }
            return true;
        } catch (RuntimeException e) {
            LOG.error("Could not settle delivery {}; it will be retried", delivery.deliveryId(), e);
            return false;
        }
    }

    /** @return whether the message is done with; the SDK's timeouts bound the DynamoDB calls it waits on */
    private static boolean awaitSettled(CompletableFuture<Boolean> settled, Delivery delivery) {
        try {
            return settled.get();
        } catch (ExecutionException e) {
            LOG.error("Could not settle delivery {}; it will be retried", delivery.deliveryId(), e.getCause());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    private boolean settleOrLeave(QueuedMessage message, Delivery delivery, ProviderOutcome outcome) {
        try {
            return settle(message, delivery, outcome);
        } catch (RuntimeException e) {
            // Most likely the record could not be written: the message comes back, which may push it twice.
            LOG.error("Could not settle delivery {}; it will be retried", delivery.deliveryId(), e);
            return false;
        }
    }

    /** @return true when the message is done with (outcome recorded), false when it must come back */
    private boolean settle(QueuedMessage message, Delivery delivery, ProviderOutcome outcome) {
        DeliveryResult answer = DeliveryResult.of(outcome);
        MessageResult result = MessageResult.of(answer);
        if (answer.retryable()) {
            Long expiresAtMs = delivery.push().expiresAtEpochMs();
            RetryPolicy.Decision decision = retry.afterFailure(message.receiveCount(), answer.retryAfter(),
                    clock.instant(), expiresAtMs == null ? null : Instant.ofEpochMilli(expiresAtMs), random);
            if (decision instanceof RetryPolicy.Decision.Retry again) {
                LOG.info("Delivery {} attempt {}: {} {}; next attempt in {} s", delivery.deliveryId(),
                        message.receiveCount(), result.statusCode(), result.statusMessage(), again.delay().toSeconds());
                redeliver(message, again.delay());
                return false;
            }
            String reason = ((RetryPolicy.Decision.GiveUp) decision).reason();
            result = result.withStatusMessage(result.statusMessage() == null ? reason : result.statusMessage() + "; " + reason);
        }
        DeliveryOutcome settled = delivery.outcome(result, message.receiveCount(), Timestamps.now(clock));
        if (!store.record(settled)) {
            LOG.info("Delivery {} was settled by another attempt; keeping that outcome", delivery.deliveryId());
            return true;
        }
        maintainEndpoint(settled, answer);
        listener.onOutcome(settled);
        return true;
    }

    /**
     * Keeps endpoints in step with what the provider said. Best effort once the outcome is recorded: a failure is
     * logged, and the next send to the same token gets the same answer and tries again.
     */
    private void maintainEndpoint(DeliveryOutcome outcome, DeliveryResult answer) {
        DeliveryTarget target = outcome.target();
        try {
            if (answer.tokenInvalid()) {
                List<String> deactivated;
                if (target.isRawAddress()) {
                    deactivated = endpoints.markInactiveByAddress(outcome.appId(), target.channelType(), target.address());
                } else {
                    endpoints.markInactive(outcome.appId(), target.endpointId());
                    deactivated = List.of(target.endpointId());
                }
                deactivated.forEach(id -> listener.onEndpointInactive(outcome.appId(), id, outcome));
            } else if (answer.updatedToken() != null && !target.isRawAddress()) {
                endpoints.replaceAddress(outcome.appId(), target.endpointId(), target.address(), answer.updatedToken());
            }
        } catch (RuntimeException e) {
            LOG.error("Delivery {}: recorded, but updating endpoint {} failed", outcome.deliveryId(),
                    target.isRawAddress() ? target.address() : target.endpointId(), e);
        }
    }

    private CompletableFuture<ProviderOutcome> push(Delivery delivery) {
        try {
            return gateway.send(delivery.appId(), delivery.push())
                    .exceptionally(e -> new ProviderOutcome.Failed("Provider client failed: " + e.getMessage(), true));
        } catch (RuntimeException e) {
            LOG.error("Provider client failed for {}", delivery.deliveryId(), e);
            return CompletableFuture.completedFuture(
                    new ProviderOutcome.Failed("Provider client failed: " + e.getMessage(), true));
        }
    }

    private void awaitAll(Iterable<CompletableFuture<ProviderOutcome>> pushes, Instant deadline) {
        List<CompletableFuture<ProviderOutcome>> all = new ArrayList<>();
        pushes.forEach(all::add);
        long left = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
            // Handled per delivery: an unfinished push is retried.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** @return true when the visibility change went through */
    private boolean redeliver(QueuedMessage message, Duration delay) {
        try {
            queue.redeliverAfter(message.receiptHandle(), delay);
            return true;
        } catch (RuntimeException e) {
            LOG.warn("Could not change the visibility of message {}; it returns after the queue's timeout",
                    message.messageId(), e);
            return false;
        }
    }

    private static Delivery parse(QueuedMessage message) {
        try {
            Delivery delivery = Json.read(message.body(), Delivery.class);
            if (delivery != null && delivery.appId() != null && delivery.requestId() != null
                    && delivery.target() != null && delivery.push() != null && delivery.push().address() != null) {
                return delivery;
            }
        } catch (RuntimeException unreadable) {
            LOG.error("Poison message {}: not a delivery ({}); it goes to the dead-letter queue",
                    message.messageId(), unreadable.getMessage());
            return null;
        }
        LOG.error("Poison message {}: a delivery with required members missing; it goes to the dead-letter queue",
                message.messageId());
        return null;
    }
}
