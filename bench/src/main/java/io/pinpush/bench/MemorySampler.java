package io.pinpush.bench;

import java.io.IOException;
import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Samples this JVM's heap in use and resident set size every 100 ms while a run is on. What else the JVM hosts
 * (DynamoDB Local, ElasticMQ, the mock APNs server) is named in the summary.
 */
final class MemorySampler {

    private final String scope;
    private volatile boolean running;
    private Thread thread;
    private long maxHeapUsed;
    private long heapUsedSum;
    private long samples;
    private long maxRssKb;
    private long gcCountAtStart;
    private long gcMillisAtStart;
    private long gcCount;
    private long gcMillis;

    /** @param scope what the JVM holds, for the summary */
    MemorySampler(String scope) {
        this.scope = scope;
    }

    synchronized void start() {
        gcCountAtStart = gcCount();
        gcMillisAtStart = gcMillis();
        running = true;
        thread = new Thread(() -> {
            while (running) {
                sample();
                try {
                    Thread.sleep(100);
                } catch (InterruptedException e) {
                    return;
                }
            }
        }, "bench-memory");
        thread.setDaemon(true);
        thread.start();
    }

    synchronized void stop() throws InterruptedException {
        running = false;
        thread.join();
        gcCount += gcCount() - gcCountAtStart;
        gcMillis += gcMillis() - gcMillisAtStart;
    }

    private synchronized void sample() {
        long used = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
        maxHeapUsed = Math.max(maxHeapUsed, used);
        heapUsedSum += used;
        samples++;
        maxRssKb = Math.max(maxRssKb, rssKb());
    }

    synchronized String summary() {
        return String.format("heap used avg %d MB, max %d MB (max heap %d MB); RSS max %d MB (%s); GC %d collections, %d ms",
                samples == 0 ? 0 : heapUsedSum / samples >> 20, maxHeapUsed >> 20,
                Runtime.getRuntime().maxMemory() >> 20, maxRssKb >> 10, scope, gcCount, gcMillis);
    }

    static long rssKb() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/status"))) {
                if (line.startsWith("VmRSS:")) {
                    return Long.parseLong(line.replaceAll("[^0-9]", ""));
                }
            }
        } catch (IOException | NumberFormatException ignored) {
            // not Linux: no RSS figure
        }
        return 0;
    }

    private static long gcCount() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionCount).sum();
    }

    private static long gcMillis() {
        return ManagementFactory.getGarbageCollectorMXBeans().stream().mapToLong(GarbageCollectorMXBean::getCollectionTime).sum();
    }
}
