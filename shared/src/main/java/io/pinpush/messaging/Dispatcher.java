package io.pinpush.messaging;

import io.pinpush.api.Timestamps;
import io.pinpush.config.DaemonThreads;
import io.pinpush.providers.DeliveryResult;
import io.pinpush.providers.ProviderOutcome;
import io.pinpush.providers.PushGateway;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.DoubleSupplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Drains the delivery queue: pushes each delivery through its provider and settles it, one SQS batch at a time.
 * A message may carry several deliveries ({@link DeliveryBundle}); each is settled on its own, and the message is
 * acknowledged once all of its deliveries are.
 *
 * <ul>
 *   <li>A delivery whose outcome is already recorded is acknowledged without a push (SQS delivers at least once).</li>
 *   <li>Throttled and temporary failures stay on the queue: the message's visibility timeout is set to the backoff
 *       delay (nothing sleeps; the longest of its members') and it is reported as a batch item failure, until
 *       attempts or the notification's lifetime run out. Its members already recorded are skipped next time.</li>
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
     * A full batch is a hundred deliveries (ten bundles of ten): sixteen writers make its hundred conditional puts
     * about seven round trips. The URL-connection HTTP client must keep that many idle connections per host, or it
     * would open and drop TLS connections on every batch: {@link io.pinpush.config.AwsClients} raises the JDK's
     * {@code http.maxConnections} from its default of five.
     */
    private static final int PARALLEL_SETTLES = 16;
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
     * another it set the batch's time to a round trip per delivery. Shared across invocations.
     */
    private final ExecutorService settlers = DaemonThreads.pool(PARALLEL_SETTLES, "pinpush-settle");

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

    /** One delivery of a received message (a bundle holds several). */
    private record Item(QueuedMessage message, Delivery delivery) {
    }

    /** A delivery on its way to a verdict: its push (already answered for one the gate dropped) and what follows. */
    private record Settling(Item item, CompletableFuture<ProviderOutcome> push, CompletableFuture<Verdict> verdict) {
    }

    private static final CompletableFuture<ProviderOutcome> NO_PUSH = CompletableFuture.completedFuture(null);

    /** What becomes of one delivery's message: done with, back after a delay, or back after the queue's timeout. */
    private record Verdict(boolean done, Duration delay) {
        static final Verdict DONE = new Verdict(true, null);
        static final Verdict LEAVE = new Verdict(false, null);

        static Verdict retryAfter(Duration delay) {
            return new Verdict(false, delay);
        }
    }

    /**
     * Settles what it can of the batch before {@code deadline}.
     *
     * @return the ids of the messages to leave on the queue (the batch item failures)
     */
    public List<String> dispatch(List<QueuedMessage> messages, Instant deadline) {
        return dispatch(messages, deadline, () -> { });
    }

    /**
     * {@link #dispatch(List, Instant)}, and {@code afterLateOutcome} runs after the outcomes of deliveries whose provider
     * answered after the deadline are settled: once it has run, every such outcome settled so far is covered (runs for
     * several come together; a failure is logged). A Lambda handler flushes there what the outcomes buffered (events,
     * counts): its invocation's own flush has run, and the instance's next one may never come.
     */
    public List<String> dispatch(List<QueuedMessage> messages, Instant deadline, Runnable afterLateOutcome) {
        MessageFates fates = new MessageFates(messages);
        List<Item> items = new ArrayList<>();
        for (QueuedMessage message : messages) {
            List<Delivery> deliveries = deliveriesIn(message);
            if (deliveries == null) {
                fates.settle(message, Verdict.retryAfter(Duration.ZERO));
            } else {
                deliveries.forEach(delivery -> items.add(new Item(message, delivery)));
            }
        }

        Set<String> alreadyFinal = store.recorded(items.stream().map(Item::delivery).toList());
        Set<String> inThisBatch = new HashSet<>();
        List<Item> candidates = new ArrayList<>();
        for (Item item : items) {
            String deliveryId = item.delivery().deliveryId();
            if (alreadyFinal.contains(deliveryId)) {
                LOG.info("Delivery {} already has its outcome; acknowledged without a push", deliveryId);
            } else if (!inThisBatch.add(deliveryId)) {
                fates.settle(item.message(), Verdict.LEAVE); // its twin in this batch settles it; the record check decides next time
            } else {
                candidates.add(item);
            }
        }

        OutcomeWriter writer = new OutcomeWriter();
        List<Settling> settling = new ArrayList<>();
        Map<Item, Duration> deferred = new LinkedHashMap<>();
        List<DeliveryGate.Decision> decisions = decide(candidates);
        for (int i = 0; i < candidates.size(); i++) {
            Item item = candidates.get(i);
            DeliveryGate.Decision decision = decisions.get(i);
            if (decision instanceof DeliveryGate.Send) {
                // Each outcome is settled as soon as its provider answers, while the other pushes are still out.
                // One answered after the deadline is settled too, when it comes: its message, left on the queue,
                // then finds the outcome recorded instead of pushing again.
                CompletableFuture<ProviderOutcome> push = push(item.delivery());
                settling.add(new Settling(item, push,
                        push.thenComposeAsync(outcome -> settleOrLeave(item, outcome, writer), settlers)));
            } else if (decision instanceof DeliveryGate.Defer defer) {
                deferred.put(item, defer.delay());
            } else if (decision instanceof DeliveryGate.Drop drop) {
                settling.add(new Settling(item, NO_PUSH, settleWithoutPush(item, drop.result(), writer)));
            }
        }

        awaitAll(settling.stream().map(Settling::push).toList(), deadline);
        writer.flushAndWriteAtOnce();
        CoalescedRun lateFlush = new CoalescedRun("write what late outcomes buffered", afterLateOutcome);
        for (Settling each : settling) {
            Verdict verdict;
            if (!each.push().isDone()) {
                LOG.warn("No provider answer for {} before the function's deadline; recorded if it still comes, else retried",
                        each.item().delivery().deliveryId());
                each.verdict().whenComplete((settled, error) -> lateFlush.request());
                verdict = Verdict.LEAVE;
            } else {
                verdict = awaitSettled(each.verdict(), each.item().delivery());
            }
            fates.settle(each.item().message(), verdict);
        }
        // After the verdicts: a deferred member whose message comes back anyway must not also get a message of its own.
        requeue(deferred, fates);
        return fates.failures(this::redeliver);
    }

    /**
     * The gate's decision for each candidate, in order. If the gate cannot decide (its store is unreachable), nothing
     * is pushed: pushing could break a campaign's Limits, while waiting a few seconds costs little.
     */
    private List<DeliveryGate.Decision> decide(List<Item> candidates) {
        if (candidates.isEmpty()) {
            return List.of();
        }
        try {
            return gate.decide(candidates.stream().map(Item::delivery).toList(), clock.instant());
        } catch (RuntimeException e) {
            LOG.warn("Could not decide whether {} deliveries may go now; trying them again shortly", candidates.size(), e);
            return Collections.nCopies(candidates.size(), new DeliveryGate.Defer(GATE_UNAVAILABLE_DELAY));
        }
    }

    /**
     * Puts deferred deliveries back as new messages that become visible after their delay: a deferral is not an
     * attempt, so it must not use up the receives the queue's redrive policy allows. A delivery whose received message
     * comes back anyway (a sibling is retried) rides back in it instead, after the longer of the two delays: a copy of
     * its own could be taken by another instance at the same time, and both would push it. A delivery whose new
     * message did not go out also keeps its received message, which comes back after the delay (and still holds those
     * of its deferred siblings whose new messages did go out: a rare partial failure, left as the README says).
     */
    private void requeue(Map<Item, Duration> deferred, MessageFates fates) {
        Map<Delivery, Duration> delays = new LinkedHashMap<>();
        Map<Delivery, Item> items = new IdentityHashMap<>();
        deferred.forEach((item, delay) -> {
            if (fates.comesBack(item.message())) {
                fates.settle(item.message(), Verdict.retryAfter(delay));
            } else {
                delays.put(item.delivery(), delay);
                items.put(item.delivery(), item);
            }
        });
        if (delays.isEmpty()) {
            return;
        }
        List<Delivery> notQueued;
        try {
            notQueued = queue.enqueueAfter(delays);
        } catch (RuntimeException e) {
            LOG.warn("Could not put {} deferred deliveries back on the queue; they come back later", delays.size(), e);
            notQueued = new ArrayList<>(delays.keySet());
        }
        for (Delivery delivery : notQueued) {
            fates.settle(items.get(delivery).message(), Verdict.retryAfter(delays.get(delivery)));
        }
    }

    /** A delivery the gate ended without a push: recorded and told like any other outcome. */
    private CompletableFuture<Verdict> settleWithoutPush(Item item, MessageResult result, OutcomeWriter writer) {
        DeliveryOutcome settled = item.delivery().outcome(result, item.message().receiveCount() - 1, Timestamps.now(clock));
        return writer.write(settled).thenApply(recorded -> {
            if (recorded == DeliveryStore.Recorded.WRITTEN) {
                listener.onOutcome(settled);
            }
            return recorded == DeliveryStore.Recorded.FAILED ? Verdict.LEAVE : Verdict.DONE;
        });
    }

    /** The SDK's timeouts bound the DynamoDB calls it waits on. */
    private static Verdict awaitSettled(CompletableFuture<Verdict> settled, Delivery delivery) {
        try {
            return settled.get();
        } catch (ExecutionException e) {
            LOG.error("Could not settle delivery {}; it will be retried", delivery.deliveryId(), e.getCause());
            return Verdict.LEAVE;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Verdict.LEAVE;
        }
    }

    private CompletableFuture<Verdict> settleOrLeave(Item item, ProviderOutcome outcome, OutcomeWriter writer) {
        try {
            return settle(item, outcome, writer);
        } catch (RuntimeException e) {
            LOG.error("Could not settle delivery {}; it will be retried", item.delivery().deliveryId(), e);
            return CompletableFuture.completedFuture(Verdict.LEAVE);
        }
    }

    /** Done once the outcome is recorded; a retryable failure with attempts left comes back after its backoff. */
    private CompletableFuture<Verdict> settle(Item item, ProviderOutcome outcome, OutcomeWriter writer) {
        QueuedMessage message = item.message();
        Delivery delivery = item.delivery();
        DeliveryResult answer = DeliveryResult.of(outcome);
        MessageResult result = MessageResult.of(answer);
        if (answer.retryable()) {
            Long expiresAtMs = delivery.push().expiresAtEpochMs();
            RetryPolicy.Decision decision = retry.afterFailure(message.receiveCount(), answer.retryAfter(),
                    clock.instant(), expiresAtMs == null ? null : Instant.ofEpochMilli(expiresAtMs), random);
            if (decision instanceof RetryPolicy.Decision.Retry again) {
                LOG.info("Delivery {} attempt {}: {} {}; next attempt in {} s", delivery.deliveryId(),
                        message.receiveCount(), result.statusCode(), result.statusMessage(), again.delay().toSeconds());
                return CompletableFuture.completedFuture(Verdict.retryAfter(again.delay()));
            }
            String reason = ((RetryPolicy.Decision.GiveUp) decision).reason();
            result = result.withStatusMessage(result.statusMessage() == null ? reason : result.statusMessage() + "; " + reason);
        }
        DeliveryOutcome settled = delivery.outcome(result, message.receiveCount(), Timestamps.now(clock));
        return writer.write(settled).thenApply(recorded -> switch (recorded) {
            case WRITTEN -> {
                maintainEndpoint(settled, answer);
                listener.onOutcome(settled);
                yield Verdict.DONE;
            }
            case ALREADY -> {
                LOG.info("Delivery {} was settled by another attempt; keeping that outcome", delivery.deliveryId());
                yield Verdict.DONE;
            }
            // Most likely throttled: the message comes back, which may push it twice.
            case FAILED -> Verdict.LEAVE;
        });
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
                    // Only if the endpoint still holds the dead token: the app may have registered a new one since.
                    deactivated = endpoints.markInactive(outcome.appId(), target.endpointId(), target.address())
                            ? List.of(target.endpointId()) : List.of();
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

    private void awaitAll(List<CompletableFuture<ProviderOutcome>> all, Instant deadline) {
        long left = Math.max(0, Duration.between(clock.instant(), deadline).toMillis());
        try {
            CompletableFuture.allOf(all.toArray(CompletableFuture[]::new)).get(left, TimeUnit.MILLISECONDS);
        } catch (TimeoutException | ExecutionException stillRunning) {
            // Handled per delivery: an unfinished push is retried.
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Sets each message's visibility to its delay, in batches; a change that fails leaves the queue's timeout. */
    private void redeliver(Map<QueuedMessage, Duration> delays) {
        if (delays.isEmpty()) {
            return;
        }
        Map<String, Duration> byHandle = new LinkedHashMap<>();
        delays.forEach((message, delay) -> byHandle.put(message.receiptHandle(), delay));
        try {
            List<String> unchanged = queue.redeliverAfter(byHandle);
            if (!unchanged.isEmpty()) {
                LOG.warn("Could not change the visibility of {} messages; they return after the queue's timeout",
                        unchanged.size());
            }
        } catch (RuntimeException e) {
            LOG.warn("Could not change the visibility of {} messages; they return after the queue's timeout",
                    delays.size(), e);
        }
    }

    /**
     * The deliveries of a message, or null for a poison message: the dispatcher fails it every time, until the delivery
     * queue's redrive policy moves it to the dead-letter queue; the dead-letter settler moves it on to the poison queue.
     */
    static List<Delivery> deliveriesIn(QueuedMessage message) {
        List<Delivery> deliveries;
        try {
            deliveries = DeliveryBundle.read(message.body());
        } catch (RuntimeException unreadable) {
            LOG.error("Poison message {}: not a delivery ({})", message.messageId(), unreadable.getMessage());
            return null;
        }
        for (Delivery delivery : deliveries) {
            if (delivery == null || delivery.appId() == null || delivery.requestId() == null
                    || delivery.target() == null || delivery.push() == null || delivery.push().address() == null) {
                LOG.error("Poison message {}: a delivery with required members missing", message.messageId());
                return null;
            }
        }
        return deliveries;
    }

    /**
     * Records one batch's outcomes as they are decided, {@link #CHUNK} to a request ({@link DeliveryStore#recordFirsts}):
     * four requests for a full batch of a hundred, instead of a hundred conditional puts. Once the batch's pushes are
     * all answered (or the deadline passed), what is pending goes out, and any outcome decided later is written at once.
     */
    private final class OutcomeWriter {
        private static final int CHUNK = 25;
        private final List<DeliveryOutcome> pending = new ArrayList<>();
        private final List<CompletableFuture<DeliveryStore.Recorded>> waiting = new ArrayList<>();
        private boolean atOnce;

        synchronized CompletableFuture<DeliveryStore.Recorded> write(DeliveryOutcome outcome) {
            CompletableFuture<DeliveryStore.Recorded> recorded = new CompletableFuture<>();
            pending.add(outcome);
            waiting.add(recorded);
            if (atOnce || pending.size() >= CHUNK) {
                flush();
            }
            return recorded;
        }

        synchronized void flushAndWriteAtOnce() {
            atOnce = true;
            flush();
        }

        /** Hands what is pending to a writer thread; the caller holds the lock. */
        private void flush() {
            if (pending.isEmpty()) {
                return;
            }
            List<DeliveryOutcome> outcomes = List.copyOf(pending);
            List<CompletableFuture<DeliveryStore.Recorded>> futures = List.copyOf(waiting);
            pending.clear();
            waiting.clear();
            settlers.execute(() -> {
                List<DeliveryStore.Recorded> answers;
                try {
                    answers = store.recordFirsts(outcomes);
                } catch (RuntimeException e) {
                    // recordFirsts answers FAILED for what the SDK refuses; this is for anything else (a bug building
                    // the items): every future must still complete, or the batch would wait for its deadline.
                    LOG.error("Could not record {} outcomes; their deliveries will be retried", outcomes.size(), e);
                    answers = Collections.nCopies(outcomes.size(), DeliveryStore.Recorded.FAILED);
                }
                for (int i = 0; i < futures.size(); i++) {
                    futures.get(i).complete(answers.get(i));
                }
            });
        }
    }

    /**
     * What becomes of each received message, from the verdicts of its deliveries: done when all are done; otherwise
     * reported as a batch item failure, and back after the longest delay a member asked for, or after the queue's own
     * timeout when a member asked for none. Members already recorded are skipped when it comes back.
     */
    private static final class MessageFates {
        private final List<QueuedMessage> messages;
        private final Set<QueuedMessage> left = new HashSet<>();
        private final Map<QueuedMessage, Duration> delays = new HashMap<>();
        /**
         * Messages with a member left to the queue's own timeout (no delay: a push still out at the deadline, an
         * outcome that could not be written). For a push still out it matters: its answer is recorded when it
         * arrives, and a shorter delay asked by a sibling (a throttled member's backoff) would bring the message back
         * before that, and push the member twice.
         */
        private final Set<QueuedMessage> untilTimeout = new HashSet<>();

        MessageFates(List<QueuedMessage> messages) {
            this.messages = messages;
        }

        boolean comesBack(QueuedMessage message) {
            return left.contains(message);
        }

        void settle(QueuedMessage message, Verdict verdict) {
            if (verdict.done()) {
                return;
            }
            left.add(message);
            if (verdict.delay() == null) {
                untilTimeout.add(message);
            } else {
                delays.merge(message, verdict.delay(), (a, b) -> a.compareTo(b) >= 0 ? a : b);
            }
        }

        /** The ids of the messages left on the queue, in batch order, after {@code redeliver} set their delays. */
        List<String> failures(Consumer<Map<QueuedMessage, Duration>> redeliver) {
            Map<QueuedMessage, Duration> delayed = new LinkedHashMap<>();
            List<String> failures = new ArrayList<>();
            for (QueuedMessage message : messages) {
                if (left.contains(message)) {
                    failures.add(message.messageId());
                    if (delays.containsKey(message) && !untilTimeout.contains(message)) {
                        delayed.put(message, delays.get(message));
                    }
                }
            }
            redeliver.accept(delayed);
            return failures;
        }
    }
}
