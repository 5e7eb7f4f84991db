package io.pinpush.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where a SendMessages call's time goes: runs sends like {@link SendLatency} and records every AWS SDK call made
 * meanwhile ({@link SdkCallTimeline}): the send function's on the HTTP thread ({@code pinpush-http}), the dispatcher's
 * on its pollers ({@code pinpush-poller}) and settle threads ({@code pinpush-settle}). Prints, per call (thread role,
 * operation, n-th of its kind in the send), the median start and end in ms after the request left the client (a
 * long poll that received the delivery starts before it). Gaps between calls are work without the SDK (routing,
 * rendering, the provider push, JSON, the HTTP exchange).
 *
 * <p>Usage: {@code SendTimeline [sends=100] [addresses=1]}
 */
public final class SendTimeline {

    public static void main(String[] args) throws Exception {
        int sends = args.length > 0 ? Integer.parseInt(args[0]) : 100;
        int addresses = args.length > 1 ? Integer.parseInt(args[1]) : 1;
        CallSpans calls = new CallSpans();
        List<Double> totals = new ArrayList<>();
        try (BenchStack stack = new BenchStack(Map.of())) {
            for (int i = 0; i < 40; i++) {
                SendLatency.send(stack, addresses); // warm-up
            }
            for (int i = 0; i < sends; i++) {
                SdkCallTimeline.start();
                long start = System.nanoTime();
                SendLatency.send(stack, addresses);
                long end = System.nanoTime();
                List<SdkCallTimeline.Call> made = SdkCallTimeline.stop();
                totals.add((end - start) / 1e6);
                calls.add(made, start, end);
            }
        }
        System.out.printf("RESULT send-timeline addresses=%d sends=%d: total p50 %.1f ms, p95 %.1f ms%n", addresses, sends,
                Stats.percentile(totals, 50), Stats.percentile(totals, 95));
        calls.print("sends");
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }
}
