package io.pinpush.bench;

import io.pinpush.functions.DispatcherHandler;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * The child side of {@link DispatcherMemory}: the dispatcher function alone in a JVM sized like a 512 MB Lambda
 * function, built as Lambda builds it (no-argument constructor, settings from the environment), handling full
 * batches (ten bundles of ten deliveries) one after another, as one instance does, for {@code rounds} x N deliveries.
 * Memory is sampled during the last round only, once the JIT and the connections are warm.
 *
 * <p>Prints {@code RESULT ...} lines: pushes/s of the last round, heap and RSS.
 */
public final class DispatcherMemoryProbe {

    public static void main(String[] args) throws Exception {
        String appId = args[0];
        int n = Integer.parseInt(args[1]);
        int rounds = Integer.parseInt(args[2]);
        DispatcherHandler handler = new DispatcherHandler();
        MemorySampler memory = new MemorySampler("dispatcher JVM alone");
        double rate = 0;
        double cpuPerDelivery = 0;
        for (int round = 1; round <= rounds; round++) {
            List<String> tokens = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                tokens.add(BenchStack.randomApnsToken());
            }
            List<byte[]> events = BundledEvents.of(appId, tokens, n);
            boolean last = round == rounds;
            if (last) {
                memory.start();
            }
            long start = System.nanoTime();
            long cpuStart = processCpuNanos();
            int failures = 0;
            for (byte[] event : events) {
                failures += BundledEvents.invoke(handler, event, new ColdStartProbe.ProbeContext());
            }
            rate = n / ((System.nanoTime() - start) / 1e9);
            cpuPerDelivery = (processCpuNanos() - cpuStart) / 1e3 / n;
            if (last) {
                memory.stop();
            }
            if (failures > 0) {
                throw new IllegalStateException(failures + " messages failed");
            }
            System.out.printf("round %d: %,.0f pushes/s%n", round, rate);
        }
        System.out.printf("RESULT dispatcher-memory N=%d: %,.0f pushes/s in the measured round, %.0f us of CPU per "
                + "delivery (the dispatcher JVM's, every thread); %s%n", n, rate, cpuPerDelivery, memory.summary());
        System.out.flush();
        System.exit(0);
    }

    /** CPU time of this JVM, every thread (what Lambda's duration pays for on a CPU-bound instance). */
    private static long processCpuNanos() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }
}
