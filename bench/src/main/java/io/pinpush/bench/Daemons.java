package io.pinpush.bench;

import java.util.concurrent.ThreadFactory;

/** Thread factories for the benchmarks' pools: daemon threads, so a benchmark's JVM ends when its main does. */
final class Daemons {

    private Daemons() {
    }

    static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }
}
