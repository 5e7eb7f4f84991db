package io.pinpush.functions.priming;

import io.pinpush.Pinpush;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Loads, on a background thread, the classes a function's first event is known to need, in the order a cold run
 * loaded them, so that Lambda's thread finds most of them loaded when it gets there.
 *
 * <p>A cold start of a Java function is mostly class loading on one thread (README, Benchmarks (4)). Lambda's
 * initialization phase runs on two unthrottled vCPUs whatever the memory size, so a second thread that only reads
 * and defines classes (no static initializer runs: {@code Class.forName(name, false, ...)}) takes that work off the
 * critical path without changing what runs or in which order. The lists are resources of this jar
 * ({@code io/pinpush/functions/preload/<function>.classes}, one name a line), written by {@code bin/bench ClassLists}
 * from a cold run of each function. A name that no longer exists (a dependency moved a class, the runtime's JDK has
 * other internals) is skipped: a stale list costs speed, never correctness.
 */
public final class ClassPreloader {

    private static final Logger LOG = LoggerFactory.getLogger(ClassPreloader.class);
    static final String LISTS = "/io/pinpush/functions/preload/";
    /** {@code false} turns preloading off (and {@code bin/bench ClassLists} records the order a run loads by itself). */
    static final String SETTING = "PINPUSH_CLASS_PRELOAD";
    /** The preloading this JVM started, if any: a SnapStart snapshot waits for it. */
    private static volatile Thread running;

    private ClassPreloader() {
    }

    /**
     * What a Lambda constructor begins with: preloading starts first, so that it runs alongside the wiring of Pinpush
     * from the environment (about a third of a cold start) as well as the first event.
     */
    public static Pinpush startThenWire(String function) {
        start(function);
        return Pinpush.fromEnvironment();
    }

    /** Starts preloading {@code function}'s list on a daemon thread; empty when there is no list or it is turned off. */
    public static Optional<Thread> start(String function) {
        if ("false".equalsIgnoreCase(System.getenv(SETTING))) {
            return Optional.empty();
        }
        if (ClassPreloader.class.getResource(LISTS + function + ".classes") == null) {
            return Optional.empty();
        }
        ClassLoader loader = ClassPreloader.class.getClassLoader();
        Thread thread = new Thread(() -> {
            long started = System.nanoTime();
            List<String> names = list(function); // read here too, off the thread Lambda is waiting on
            int loaded = preload(names, loader);
            LOG.debug("Preloaded {} of {} classes for the {} function in {} ms", loaded, names.size(), function,
                    (System.nanoTime() - started) / 1_000_000);
        }, "pinpush-class-preload");
        return Optional.of(track(thread));
    }

    /** Starts {@code preloading} on a daemon thread as the preloading this JVM's snapshot waits for. */
    static Thread track(Thread preloading) {
        preloading.setDaemon(true);
        preloading.start();
        running = preloading;
        return preloading;
    }

    /** Waits, at most {@code max}, for the preloading this JVM started: a snapshot then holds every listed class. */
    static void awaitFinished(Duration max) {
        Thread thread = running;
        if (thread == null) {
            return;
        }
        try {
            thread.join(max.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Loads each named class without initializing it; returns how many were found. */
    static int preload(List<String> names, ClassLoader loader) {
        ClassLoader jdk = ClassLoader.getPlatformClassLoader();
        int loaded = 0;
        for (String name : names) {
            // The JDK's own classes through the JDK's loader, which loads in parallel: Lambda's loader of the
            // function's code is not parallel capable, and every class asked of it, the JDK's too, takes its lock.
            if (isJdkName(name) && load(name, jdk) || load(name, loader)) {
                loaded++;
            }
        }
        return loaded;
    }

    private static boolean isJdkName(String name) {
        return name.startsWith("java.") || name.startsWith("javax.") || name.startsWith("sun.") || name.startsWith("jdk.")
                || name.startsWith("com.sun.");
    }

    private static boolean load(String name, ClassLoader loader) {
        try {
            Class.forName(name, false, loader);
            return true;
        } catch (ClassNotFoundException | LinkageError e) {
            return false; // gone from this class path or this JDK: Lambda's thread loads whatever it needs itself
        }
    }

    /** The function's list, in load order; empty when the jar has none. */
    static List<String> list(String function) {
        try (InputStream in = ClassPreloader.class.getResourceAsStream(LISTS + function + ".classes")) {
            if (in == null) {
                return List.of();
            }
            return new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).lines()
                    .map(String::strip).filter(line -> !line.isEmpty() && !line.startsWith("#")).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
