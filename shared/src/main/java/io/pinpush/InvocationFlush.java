package io.pinpush;

import io.pinpush.config.DaemonThreads;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import org.slf4j.MDC;

/**
 * What an invocation buffered (events, delivery metrics, KPI and campaign counters) and must write before it returns,
 * since Lambda may freeze the process once it has. The writes do not depend on each other, so they run side by side:
 * the invocation waits for the slowest (a round trip or two to DynamoDB or Kinesis) instead of their sum.
 */
final class InvocationFlush implements AutoCloseable {

    private final List<Runnable> writes;
    /**
     * The writes after the first (the invoking thread does that one itself). It grows with the flushes running at once:
     * one at a time in Lambda, where four threads serve; several on the local server, whose HTTP requests each flush.
     */
    private final ExecutorService others;

    InvocationFlush(List<Runnable> writes) {
        if (writes.isEmpty()) {
            throw new IllegalArgumentException("nothing to flush");
        }
        this.writes = List.copyOf(writes);
        this.others = DaemonThreads.growing("pinpush-flush");
    }

    /**
     * Runs every write and returns when all have ended. Each is attempted even when another fails; the first failure
     * is then thrown, with the others suppressed in it.
     */
    void run() {
        // The invocation's log context (request id, correlation id) goes with the writes, for their warnings.
        Map<String, String> context = MDC.getCopyOfContextMap();
        List<CompletableFuture<Void>> started = new ArrayList<>();
        for (Runnable write : writes.subList(1, writes.size())) {
            started.add(start(write, context));
        }
        RuntimeException failure = null;
        try {
            writes.get(0).run();
        } catch (RuntimeException e) {
            failure = e;
        }
        for (CompletableFuture<Void> write : started) {
            try {
                write.join();
            } catch (CompletionException e) {
                failure = withSuppressed(failure, e.getCause());
            }
        }
        if (failure != null) {
            throw failure;
        }
    }

    private CompletableFuture<Void> start(Runnable write, Map<String, String> context) {
        try {
            return CompletableFuture.runAsync(() -> inContext(context, write), others);
        } catch (RejectedExecutionException closed) {
            // Closed (the local server stopping while a late answer settles): written here, one after another.
            return CompletableFuture.runAsync(write, Runnable::run);
        }
    }

    private static void inContext(Map<String, String> context, Runnable write) {
        if (context == null) {
            MDC.clear();
        } else {
            MDC.setContextMap(context);
        }
        try {
            write.run();
        } finally {
            MDC.clear();
        }
    }

    private static RuntimeException withSuppressed(RuntimeException first, Throwable next) {
        if (next instanceof Error error) {
            throw error;
        }
        RuntimeException failure = (RuntimeException) next; // runAsync wraps only what a Runnable can throw
        if (first == null) {
            return failure;
        }
        first.addSuppressed(failure);
        return first;
    }

    @Override
    public void close() {
        others.shutdown();
    }
}
