package io.pinpush.messaging;

import io.pinpush.api.Timestamps;
import io.pinpush.apps.AppService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SendMessages and SendUsersMessages: validate, resolve the recipients, render, record what needs no provider,
 * queue the rest for the dispatcher, then wait (up to a deadline) for the dispatcher's outcomes so the response
 * carries each provider's real answer. Deliveries still in flight at the deadline are reported QUEUED (202).
 */
public final class MessagingService {

    private static final Logger LOG = LoggerFactory.getLogger(MessagingService.class);
    /*
     * Poll schedule for the outcomes. Most sends settle within a few tens of milliseconds, and a doubling schedule
     * (0, 20, 60, 140, 300 ms) reported an outcome that landed at 65 ms only at 140 ms. So: every 10 ms while a
     * quick answer is likely, then backing off to 100 ms. Each poll is one strongly consistent Query, billed by
     * the size of the items read (at least 1 RCU): about 20 reads in the first 200 ms of a send instead of 4,
     * traded for answering within ~10 ms of the outcome; the backoff caps the cost of long waits. The first read
     * comes after the first pause, not at once: a queued delivery's outcome takes a queue receive, a provider call
     * and a write, so a read right after the enqueue found nothing and only competed with the dispatcher's own reads.
     */
    private static final long FAST_POLL_MS = 10;
    private static final Duration FAST_POLLING_FOR = Duration.ofMillis(200);
    private static final long LONGEST_POLL_MS = 100;

    private final AppService apps;
    private final RecipientResolver recipients;
    private final SendPlanner planner;
    private final DeliveryStore store;
    private final DeliveryQueue queue;
    private final DeliveryListener listener;
    private final Duration defaultWait;
    private final Clock clock;
    private final OutcomeSignal signal;

    /** A service that only polls for outcomes (the dispatcher runs elsewhere). */
    public MessagingService(AppService apps, RecipientResolver recipients, SendPlanner planner, DeliveryStore store,
                            DeliveryQueue queue, DeliveryListener listener, Duration defaultWait, Clock clock) {
        this(apps, recipients, planner, store, queue, listener, defaultWait, clock, new OutcomeSignal());
    }

    /**
     * @param signal also handed to the dispatcher's listeners: when the dispatcher shares this process (the local
     *     server), a send reads its outcomes as soon as the last is recorded rather than at its next poll
     */
    public MessagingService(AppService apps, RecipientResolver recipients, SendPlanner planner, DeliveryStore store,
                            DeliveryQueue queue, DeliveryListener listener, Duration defaultWait, Clock clock,
                            OutcomeSignal signal) {
        this.apps = apps;
        this.recipients = recipients;
        this.planner = planner;
        this.store = store;
        this.queue = queue;
        this.listener = new SafeListener(listener);
        this.defaultWait = defaultWait;
        this.clock = clock;
        this.signal = signal;
    }

    /** How long a send waits for outcomes unless told otherwise ({@code PINPUSH_SEND_WAIT}). */
    public Duration defaultWait() {
        return defaultWait;
    }

    /**
     * Answers a direct invocation. It waits like the API does, but never past {@code waitLimit} (what is left of the
     * function's run time), and not at all when the caller asked for {@link DirectSendRequest#async()}.
     */
    public DirectSendResponse send(DirectSendRequest request, String requestId, Duration waitLimit) {
        Duration wait = request.isAsync() ? Duration.ZERO
                : waitLimit.compareTo(defaultWait) < 0 ? waitLimit : defaultWait;
        return request.messageRequest() != null
                ? DirectSendResponse.of(sendMessages(request.applicationId(), request.messageRequest(), requestId, wait))
                : DirectSendResponse.of(sendUsersMessages(request.applicationId(), request.sendUsersMessageRequest(),
                        requestId, wait));
    }

    public MessageResponse sendMessages(String appId, MessageRequest request, String requestId, Duration wait) {
        apps.requireExists(appId);
        SendPlan plan = planner.plan(appId, requestId, request.traceId(), request.messageConfiguration(),
                request.templateConfiguration(), recipients.forMessages(appId, request), clock.instant());
        Map<Integer, MessageResult> results = execute(plan, wait);

        Map<String, MessageResult> byAddress = new LinkedHashMap<>();
        Map<String, EndpointMessageResult> byEndpoint = new LinkedHashMap<>();
        for (int index = 0; index < plan.size(); index++) {
            DeliveryTarget target = plan.targets().get(index);
            MessageResult result = results.get(index);
            if (target.isRawAddress()) {
                byAddress.put(target.address(), result);
            } else {
                byEndpoint.put(target.endpointId(), result.toEndpointResult(target.address()));
            }
        }
        return new MessageResponse(appId, byEndpoint.isEmpty() ? null : byEndpoint, requestId,
                byAddress.isEmpty() ? null : byAddress);
    }

    public SendUsersMessageResponse sendUsersMessages(String appId, SendUsersMessageRequest request, String requestId,
                                                      Duration wait) {
        apps.requireExists(appId);
        SendPlan plan = planner.plan(appId, requestId, request.traceId(), request.messageConfiguration(),
                request.templateConfiguration(), request.context(), recipients.forUsers(appId, request), clock.instant());
        Map<Integer, MessageResult> results = execute(plan, wait);

        Map<String, Map<String, EndpointMessageResult>> byUser = new LinkedHashMap<>();
        request.users().keySet().forEach(userId -> byUser.put(userId, new LinkedHashMap<>()));
        for (int index = 0; index < plan.size(); index++) {
            DeliveryTarget target = plan.targets().get(index);
            byUser.get(target.userId()).put(target.endpointId(), results.get(index).toEndpointResult(target.address()));
        }
        return new SendUsersMessageResponse(appId, requestId, byUser);
    }

    /** Records, queues and waits; returns a result for every index of the plan. */
    private Map<Integer, MessageResult> execute(SendPlan plan, Duration wait) {
        Instant started = clock.instant();
        store.begin(plan, Timestamps.format(started), listener::onOutcome);

        Map<Integer, MessageResult> results = new HashMap<>();
        plan.decided().forEach(o -> results.put(o.index(), o.result()));
        // Listening starts before the enqueue: a dispatcher in this process may record an outcome before it returns.
        try (OutcomeSignal.Waiter signalled = signal.expect(plan.requestId(),
                plan.deliveries().stream().map(Delivery::index).toList())) {
            List<Delivery> notQueued = queue.enqueue(plan.deliveries());
            int failed = 0;
            if (!notQueued.isEmpty()) {
                String now = Timestamps.now(clock);
                List<DeliveryOutcome> failures = notQueued.stream().map(d -> d.outcome(MessageResult.of(
                        DeliveryStatus.UNKNOWN_FAILURE, 500, "The delivery could not be queued; nothing was sent"), 0, now))
                        .toList();
                // A failed SendMessageBatch call may still have queued them: one the dispatcher already recorded
                // keeps its outcome, and is awaited below like any queued delivery.
                // Told as each is written: recordNew throws after the ones it wrote if it could not write them all.
                List<DeliveryOutcome> recorded = new ArrayList<>();
                store.recordNew(failures, o -> {
                    recorded.add(o);
                    listener.onOutcome(o);
                });
                recorded.forEach(o -> results.put(o.index(), o.result()));
                recorded.forEach(signalled::recorded);
                failed = recorded.size();
            }

            boolean anyQueued = plan.deliveries().size() > failed;
            if (anyQueued && wait.compareTo(Duration.ZERO) > 0) {
                awaitOutcomes(plan, signalled, started, started.plus(wait))
                        .forEach(o -> results.put(o.index(), o.result()));
            }
        }
        for (int index = 0; index < plan.size(); index++) {
            results.putIfAbsent(index, MessageResult.QUEUED);
        }
        return results;
    }

    /**
     * Polls the delivery record until every delivery has an outcome or the deadline passes. Where the dispatcher
     * shares this process, {@code signalled} ends a pause when it has heard the last outcome recorded, and those
     * outcomes are the answer, without a read.
     *
     * @return the outcomes recorded at the last poll. Reading the items rather than a COUNT costs the same read
     *     capacity (a Query is billed by the data it reads, not what it returns) and saves a second Query at the end.
     */
    private List<DeliveryOutcome> awaitOutcomes(SendPlan plan, OutcomeSignal.Waiter signalled, Instant started,
                                                Instant deadline) {
        long pause = FAST_POLL_MS;
        while (true) {
            boolean interrupted = false;
            try {
                signalled.pause(Math.max(0, Math.min(pause, Duration.between(clock.instant(), deadline).toMillis())));
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                interrupted = true;
            }
            Optional<List<DeliveryOutcome>> heard = signalled.allHeard();
            if (heard.isPresent()) {
                return heard.get(); // recorded by the dispatcher in this process: what a read would return
            }
            List<DeliveryOutcome> outcomes = store.outcomes(plan.requestId());
            if (outcomes.size() >= plan.size() || interrupted) {
                return outcomes;
            }
            Instant now = clock.instant();
            if (!now.isBefore(deadline)) {
                LOG.info("Request {}: stopped waiting with deliveries in flight; they are reported QUEUED",
                        plan.requestId());
                return outcomes;
            }
            if (Duration.between(started, now).compareTo(FAST_POLLING_FOR) >= 0) {
                pause = Math.min(pause * 2, LONGEST_POLL_MS);
            }
        }
    }
}
