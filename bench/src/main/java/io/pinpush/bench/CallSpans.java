package io.pinpush.bench;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The AWS SDK calls made during many runs of one operation ({@link SdkCallTimeline}), grouped by thread role,
 * SDK operation and n-th of its kind within the run: where a call's time goes ({@link SendTimeline},
 * {@link EventsPath}).
 */
final class CallSpans {

    private final Map<String, List<double[]>> spans = new LinkedHashMap<>();
    private int runs;

    /** The calls of one run that started at {@code start} and ended at {@code end} ({@link System#nanoTime()}). */
    void add(List<SdkCallTimeline.Call> made, long start, long end) {
        runs++;
        Map<String, Integer> seen = new HashMap<>();
        for (SdkCallTimeline.Call call : made) {
            if (call.endNanos() < start || call.startNanos() > end) {
                continue; // the previous run's leftovers
            }
            String kind = call.thread().replaceAll("-\\d+$", "") + " " + call.operation();
            String label = kind + " #" + seen.merge(kind, 1, Integer::sum);
            spans.computeIfAbsent(label, k -> new ArrayList<>())
                    .add(new double[] {(call.startNanos() - start) / 1e6, (call.endNanos() - start) / 1e6});
        }
    }

    /** Prints, for the calls at least half the runs made, the median start and end in ms after the run began. */
    void print(String runName) {
        spans.entrySet().stream()
                .filter(e -> e.getValue().size() * 2 >= runs)
                .map(e -> Map.entry(e.getKey(), new double[] {median(e.getValue(), 0), median(e.getValue(), 1),
                        e.getValue().size()}))
                .sorted((a, b) -> Double.compare(a.getValue()[0], b.getValue()[0]))
                .forEach(e -> System.out.printf("  %-40s in %3.0f%% of %s: start %6.1f ms, end %6.1f ms%n",
                        e.getKey(), 100.0 * e.getValue()[2] / runs, runName, e.getValue()[0], e.getValue()[1]));
    }

    private static double median(List<double[]> spans, int field) {
        return Stats.median(spans.stream().map(span -> span[field]).toList());
    }
}
