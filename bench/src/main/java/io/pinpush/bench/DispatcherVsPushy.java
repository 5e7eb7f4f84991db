package io.pinpush.bench;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.netty.channel.nio.NioEventLoopGroup;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.functions.DispatcherHandler;
import io.pinpush.local.LocalContext;
import io.pinpush.local.standins.StandInTls;
import io.pinpush.messaging.Delivery;
import io.pinpush.messaging.DeliveryTarget;
import io.pinpush.providers.RenderedPush;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Benchmark (1) and (5): the dispatcher path against a raw Pushy client, same MockApnsServer, same N, alternating.
 *
 * <p>(a) one Pushy client (one event-loop thread, the same connection count Pinpush uses) sends N notifications with
 * at most {@code 10 x C} in flight. (b) {@code C} threads call the real {@link DispatcherHandler} with SQSEvents of
 * 10 deliveries each (bodies as the send function queues them), so at most {@code 10 x C} pushes are in flight too;
 * that includes the channel lookup, the recorded-check (BatchGetItem), one conditional PutItem per outcome in
 * DynamoDB Local, and the outcome events, flushed at the end of each invocation. C=1 is one Lambda instance.
 *
 * <p>Usage: {@code DispatcherVsPushy [N=20000] [C=1] [rounds=3]}
 */
public final class DispatcherVsPushy {

    private static final String PAYLOAD = "{\"aps\":{\"alert\":{\"title\":\"Game Request\",\"body\":\"Bob wants to play poker\"},"
            + "\"sound\":\"default\"},\"data\":{\"pinpoint.campaign.campaign_id\":\"_DIRECT\"}}";
    private static final Map<String, String> HEADERS = Map.of("apns-push-type", "alert", "apns-priority", "10");

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < 1000; i++) {
            tokens.add(BenchStack.randomApnsToken());
        }
        try (BenchStack stack = new BenchStack(Map.of());
             RawPushy raw = new RawPushy(stack, 10 * concurrency)) {
            DispatcherRun dispatcher = new DispatcherRun(stack, concurrency,
                    token -> new RenderedPush(ChannelType.APNS, token, PAYLOAD, HEADERS, null));
            System.out.printf("N=%d, C=%d (in flight <= %d), rounds=%d, APNs connections=%d%n", n, concurrency,
                    10 * concurrency, rounds, stack.server.pinpush().config().apnsConcurrentConnections());
            // Warm-up: both paths once, JIT and connections, not counted.
            raw.run(tokens, Math.min(n, 5000));
            dispatcher.run(tokens, Math.min(n, 5000), null);
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            MemorySampler memory = new MemorySampler();
            for (int round = 1; round <= rounds; round++) {
                double rawRate = raw.run(tokens, n);
                double dispatcherRate = dispatcher.run(tokens, n, memory);
                a.add(rawRate);
                b.add(dispatcherRate);
                System.out.printf("round %d: (a) raw Pushy %,.0f pushes/s   (b) dispatcher %,.0f pushes/s   b/a %.2f%n",
                        round, rawRate, dispatcherRate, dispatcherRate / rawRate);
            }
            double medianA = Stats.median(a);
            double medianB = Stats.median(b);
            System.out.printf("RESULT dispatcher-vs-pushy N=%d C=%d: raw Pushy %,.0f/s, dispatcher %,.0f/s, ratio b/a %.2f (medians of %d)%n",
                    n, concurrency, medianA, medianB, medianB / medianA, rounds);
            System.out.println("RESULT memory during (b): " + memory.summary());
        }
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }

    /** (a): Pushy alone, bounded in-flight window. */
    static final class RawPushy implements AutoCloseable {
        private final NioEventLoopGroup eventLoop = new NioEventLoopGroup(1);
        private final ApnsClient client;
        private final int window;

        RawPushy(BenchStack stack, int window) throws Exception {
            this.window = window;
            this.client = new ApnsClientBuilder()
                    .setApnsServer("localhost", stack.apnsPort)
                    .setEventLoopGroup(eventLoop)
                    .setConcurrentConnections(stack.server.pinpush().config().apnsConcurrentConnections())
                    .setTrustedServerCertificateChain(StandInTls.caFile().toFile())
                    .setSigningKey(ApnsSigningKey.loadFromInputStream(new ByteArrayInputStream(
                            stack.signingKeyPem.getBytes(StandardCharsets.UTF_8)), BenchStack.TEAM_ID, BenchStack.KEY_ID))
                    .build();
        }

        double run(List<String> tokens, int n) throws InterruptedException {
            return InFlightWindow.run("raw Pushy", n, window, i -> client.sendNotification(new SimpleApnsPushNotification(
                            tokens.get(i % tokens.size()), BenchStack.BUNDLE_ID, PAYLOAD, Instant.now().plusSeconds(86_400),
                            DeliveryPriority.IMMEDIATE, PushType.ALERT))
                    .thenApply(response -> response.isAccepted()));
        }

        @Override
        public void close() {
            client.close().join();
            eventLoop.shutdownGracefully().syncUninterruptibly();
        }
    }

    /** (b): the dispatcher function, fed SQSEvents of 10 built in-process ({@code push} renders one address). */
    static final class DispatcherRun {
        private final BenchStack stack;
        private final DispatcherHandler handler;
        private final int concurrency;
        private final Function<String, RenderedPush> push;
        private final ExecutorService invokers;

        DispatcherRun(BenchStack stack, int concurrency, Function<String, RenderedPush> push) {
            this.stack = stack;
            this.push = push;
            this.handler = new DispatcherHandler(stack.server.pinpush());
            this.concurrency = concurrency;
            this.invokers = Executors.newFixedThreadPool(concurrency, r -> {
                Thread thread = new Thread(r, "bench-dispatcher");
                thread.setDaemon(true);
                return thread;
            });
        }

        double run(List<String> tokens, int n, MemorySampler memory) throws Exception {
            String requestId = UUID.randomUUID().toString();
            List<SQSEvent> events = new ArrayList<>();
            for (int from = 0; from < n; from += 10) {
                List<SQSEvent.SQSMessage> records = new ArrayList<>();
                for (int i = from; i < Math.min(n, from + 10); i++) {
                    RenderedPush rendered = push.apply(tokens.get(i % tokens.size()));
                    Delivery delivery = new Delivery(stack.appId, requestId, i,
                            DeliveryTarget.address(rendered.address(), rendered.channelType()), "bench-" + requestId,
                            rendered, Instant.now().toString());
                    SQSEvent.SQSMessage record = new SQSEvent.SQSMessage();
                    record.setMessageId(UUID.randomUUID().toString());
                    record.setReceiptHandle("bench-" + i);
                    record.setBody(Json.write(delivery));
                    record.setAttributes(Map.of("ApproximateReceiveCount", "1"));
                    record.setEventSource("aws:sqs");
                    records.add(record);
                }
                SQSEvent event = new SQSEvent();
                event.setRecords(records);
                events.add(event);
            }
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            if (memory != null) memory.start();
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                workers.add(invokers.submit(() -> {
                    for (int e = next.getAndIncrement(); e < events.size(); e = next.getAndIncrement()) {
                        SQSBatchResponse response = handler.handleRequest(events.get(e), new LocalContext());
                        failures.addAndGet(response.getBatchItemFailures().size());
                    }
                }));
            }
            for (Future<?> worker : workers) {
                worker.get();
            }
            long elapsed = System.nanoTime() - start;
            if (memory != null) memory.stop();
            if (failures.get() > 0) {
                throw new IllegalStateException("dispatcher: " + failures.get() + " of " + n + " deliveries failed");
            }
            return n / (elapsed / 1e9);
        }
    }
}
