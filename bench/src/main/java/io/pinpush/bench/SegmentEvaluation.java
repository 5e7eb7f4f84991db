package io.pinpush.bench;

import io.pinpush.segments.EvaluationCounts;
import io.pinpush.segments.SegmentAudience;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;

/**
 * Benchmark (7): endpoints judged per second by the segment evaluator ({@link SegmentAudience#forEachMember}: the
 * app's endpoint shards read in parallel from DynamoDB Local, page by page), the pass campaigns and GetSegmentSize
 * make. N endpoints are seeded first (not timed); every fourth has Platform {@code ios}, and the segment selects
 * {@code ios}, so exactly ceil(N/4) are members. One warm-up pass, then {@code runs} timed passes; each pass must
 * find exactly that many members or the benchmark fails.
 *
 * <p>Usage: {@code SegmentEvaluation [N=100000] [runs=3]}
 */
public final class SegmentEvaluation {

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 100_000;
        int runs = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        long expected = (n + 3) / 4;
        try (BenchStack stack = new BenchStack(Map.of())) {
            long seedStart = System.nanoTime();
            stack.seedApnsEndpoints(n, i -> i % 4 == 0 ? "ios" : "android");
            System.out.printf("seeded %,d endpoints in %.1f s (not counted)%n", n, (System.nanoTime() - seedStart) / 1e9);
            String segmentId = stack.createPlatformSegment("ios");
            SegmentAudience audience = stack.server.pinpush().segmentAudience();

            pass(audience, stack.appId, segmentId, n, expected); // warm-up: JIT, connections
            List<Double> rates = new ArrayList<>();
            for (int run = 1; run <= runs; run++) {
                double seconds = pass(audience, stack.appId, segmentId, n, expected);
                rates.add(n / seconds);
                System.out.printf("run %d: %.2f s, %,.0f endpoints/s%n", run, seconds, n / seconds);
            }
            System.out.printf("RESULT segment-evaluation N=%d members=%d shards=%d: %,.0f endpoints/s (median of %d)%n",
                    n, expected, stack.server.pinpush().endpoints().shardCount(stack.appId), Stats.median(rates), runs);
        }
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }

    /** One full evaluation; returns its seconds after checking the counts are exact. */
    private static double pass(SegmentAudience audience, String appId, String segmentId, int n, long expected) {
        LongAdder handed = new LongAdder();
        long start = System.nanoTime();
        EvaluationCounts counts = audience.forEachMember(appId, segmentId, null, endpoint -> handed.increment());
        double seconds = (System.nanoTime() - start) / 1e9;
        if (counts.total() != n || counts.members() != expected || counts.sendable() != expected || handed.sum() != expected) {
            throw new IllegalStateException("Expected " + n + " read and " + expected + " members, got " + counts
                    + " and " + handed.sum() + " handed on");
        }
        return seconds;
    }
}
