package io.pinpush.bench;

import com.eatthepath.pushy.apns.ApnsClient;
import com.eatthepath.pushy.apns.ApnsClientBuilder;
import com.eatthepath.pushy.apns.DeliveryPriority;
import com.eatthepath.pushy.apns.PushType;
import com.eatthepath.pushy.apns.auth.ApnsSigningKey;
import com.eatthepath.pushy.apns.util.SimpleApnsPushNotification;
import io.netty.channel.nio.NioEventLoopGroup;
import io.pinpush.config.DaemonThreads;
import io.pinpush.functions.DispatcherHandler;
import io.pinpush.local.LocalContext;
import io.pinpush.local.standins.StandInTls;
import io.pinpush.providers.RenderedPush;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Benchmark (1) and (5): the dispatcher path against a raw Pushy client, same MockApnsServer, same N, alternating.
 *
 * <p>(a) one Pushy client (one event-loop thread, the same connection count Pinpush uses) sends N notifications with
 * at most {@code 100 x C} in flight. (b) {@code C} threads call the real {@link DispatcherHandler} with SQS events (their bytes) of
 * 10 messages, each a bundle of 10 deliveries (the bodies the send function queues), so at most {@code 100 x C}
 * pushes are in flight too;
 * that includes the channel lookup, the recorded-check (BatchGetItem), one conditional PutItem per outcome in
 * DynamoDB Local, and the outcome events, flushed at the end of each invocation. C=1 is one Lambda instance.
 *
 * <p>(c) is the ceiling a dispatcher with durable outcomes can reach: raw Pushy plus a conditional record per push
 * ({@link RecordedPushy}); b/c says how much of that Pinpush reaches.
 *
 * <p>Usage: {@code DispatcherVsPushy [N=20000] [C=1] [rounds=3] [outcomes per record in (c)=1]}
 */
public final class DispatcherVsPushy {


    /** A full Lambda batch: ten messages of ten deliveries, all pushed at once by one instance. */
    private static final int WINDOW_PER_INSTANCE = 100;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        int concurrency = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        // (c) with one record per this many pushes: what a record per bundle (10) or per batch (100) could reach.
        int perRecord = args.length > 3 ? Integer.parseInt(args[3]) : 1;
        // A token per delivery, as a campaign has: the analytics' recipient markers are written per recipient.
        List<String> tokens = new ArrayList<>();
        for (int i = 0; i < Math.max(n, 5000); i++) {
            tokens.add(BenchStack.randomApnsToken());
        }
        try (BenchStack stack = new BenchStack(Map.of());
             RawPushy raw = new RawPushy(stack, WINDOW_PER_INSTANCE * concurrency);
             RecordedPushy ceiling = new RecordedPushy(raw, stack.server.pinpush().aws().dynamoDb(), perRecord)) {
            DispatcherRun dispatcher = new DispatcherRun(stack, concurrency, BundledEvents::apns);
            System.out.printf("N=%d, C=%d (in flight <= %d), rounds=%d, APNs connections=%d%n", n, concurrency,
                    WINDOW_PER_INSTANCE * concurrency, rounds, stack.server.pinpush().config().apnsConcurrentConnections());
            // Warm-up: both paths once, JIT and connections, not counted.
            raw.run(tokens, Math.min(n, 5000));
            ceiling.run(tokens, Math.min(n, 5000), 0);
            dispatcher.run(tokens, Math.min(n, 5000), null);
            List<Double> a = new ArrayList<>();
            List<Double> b = new ArrayList<>();
            List<Double> c = new ArrayList<>();
            MemorySampler memory = new MemorySampler("whole JVM: dispatcher + DynamoDB Local + ElasticMQ + mock APNs");
            for (int round = 1; round <= rounds; round++) {
                double rawRate = raw.run(tokens, n);
                double ceilingRate = ceiling.run(tokens, n, round);
                double dispatcherRate = dispatcher.run(tokens, n, memory);
                a.add(rawRate);
                b.add(dispatcherRate);
                c.add(ceilingRate);
                System.out.printf("round %d: (a) raw Pushy %,.0f pushes/s   (c) raw Pushy + record %,.0f pushes/s   "
                                + "(b) dispatcher %,.0f pushes/s   b/a %.2f   b/c %.2f%n",
                        round, rawRate, ceilingRate, dispatcherRate, dispatcherRate / rawRate, dispatcherRate / ceilingRate);
            }
            double medianA = Stats.median(a);
            double medianB = Stats.median(b);
            double medianC = Stats.median(c);
            System.out.printf("RESULT dispatcher-vs-pushy N=%d C=%d: raw Pushy %,.0f/s, dispatcher %,.0f/s, ratio b/a %.2f (medians of %d)%n",
                    n, concurrency, medianA, medianB, medianB / medianA, rounds);
            System.out.printf("RESULT dispatcher-vs-ceiling N=%d C=%d: raw Pushy + conditional record %,.0f/s, dispatcher %,.0f/s, ratio b/c %.2f%n",
                    n, concurrency, medianC, medianB, medianB / medianC);
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
            return InFlightWindow.run("raw Pushy", n, window, i -> send(tokens.get(i % tokens.size())));
        }

        CompletableFuture<Boolean> send(String token) {
            return client.sendNotification(new SimpleApnsPushNotification(token, BenchStack.BUNDLE_ID,
                            BundledEvents.PAYLOAD, Instant.now().plusSeconds(86_400), DeliveryPriority.IMMEDIATE,
                            PushType.ALERT))
                    .thenApply(response -> response.isAccepted());
        }

        int window() {
            return window;
        }

        @Override
        public void close() {
            client.close().join();
            eventLoop.shutdownGracefully().syncUninterruptibly();
        }
    }

    /** (b): the dispatcher function, fed the bytes of SQS events of ten bundles built in-process. */
    static final class DispatcherRun {
        private final BenchStack stack;
        private final DispatcherHandler handler;
        private final int concurrency;
        private final ExecutorService invokers;

        private final Function<String, RenderedPush> push;

        /** @param push renders one delivery for a token (APNs here, FCM in benchmark (2)) */
        DispatcherRun(BenchStack stack, int concurrency, Function<String, RenderedPush> push) {
            this.push = push;
            this.stack = stack;
            this.handler = new DispatcherHandler(stack.server.pinpush());
            this.concurrency = concurrency;
            this.invokers = Executors.newFixedThreadPool(concurrency, DaemonThreads.named("bench-dispatcher"));
        }

        double run(List<String> tokens, int n, MemorySampler memory) throws Exception {
            List<byte[]> events = BundledEvents.of(stack.appId, tokens, n, push);
            AtomicInteger next = new AtomicInteger();
            AtomicInteger failures = new AtomicInteger();
            if (memory != null) memory.start();
            long start = System.nanoTime();
            List<Future<?>> workers = new ArrayList<>();
            for (int t = 0; t < concurrency; t++) {
                workers.add(invokers.submit(() -> {
                    for (int e = next.getAndIncrement(); e < events.size(); e = next.getAndIncrement()) {
                        failures.addAndGet(BundledEvents.invoke(handler, events.get(e), new LocalContext()));
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
