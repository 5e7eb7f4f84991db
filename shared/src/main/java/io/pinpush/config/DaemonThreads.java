package io.pinpush.config;

import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadFactory;

/**
 * Thread pools whose threads never keep the JVM alive: in Lambda the process ends when Lambda says so, and the local
 * server and the tests stop without shutting every pool down first. Each pool names its threads, so a thread dump or
 * a profile says which part of Pinpush a thread works for.
 */
public final class DaemonThreads {

    private DaemonThreads() {
    }

    /** Daemon threads named {@code name}. */
    public static ThreadFactory named(String name) {
        return runnable -> {
            Thread thread = new Thread(runnable, name);
            thread.setDaemon(true);
            return thread;
        };
    }

    /** A pool of daemon threads named {@code name}, as many as the work at hand needs, each kept a minute when idle. */
    public static ExecutorService growing(String name) {
        return Executors.newCachedThreadPool(named(name));
    }

    /** A fixed pool of {@code threads} daemon threads named {@code name}, started as work comes. */
    public static ExecutorService pool(int threads, String name) {
        return Executors.newFixedThreadPool(threads, named(name));
    }
}
