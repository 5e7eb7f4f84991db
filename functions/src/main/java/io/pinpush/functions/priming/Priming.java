package io.pinpush.functions.priming;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.crac.Core;
import org.crac.Resource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * SnapStart runtime hooks for one function: warm-ups that run before Lambda snapshots the initialized
 * function, and steps that run after every restore from that snapshot.
 *
 * <p>Warm-ups load and exercise classes (JSON mapping, routing, AWS SDK marshalling) so that the first
 * real request after a restore runs on code that is already loaded; they must never open a connection,
 * because a socket captured in a snapshot is dead (or worse, shared) in every environment restored from
 * it. Anything that does hold connections (Pushy's APNs client, an HTTP/2 client for FCM) is created on
 * first use or re-created by an after-restore step.
 *
 * <p>A failing step is logged and skipped: priming only makes the first request faster, and a snapshot
 * without it is still correct.
 */
public final class Priming implements Resource {

    private static final Logger LOG = LoggerFactory.getLogger(Priming.class);

    private final List<Step> warmUps;
    private final List<Step> afterRestore;

    private Priming(List<Step> warmUps, List<Step> afterRestore) {
        this.warmUps = List.copyOf(warmUps);
        this.afterRestore = List.copyOf(afterRestore);
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A named action; the name appears in the log when the action fails. */
    public record Step(String name, Runnable action) {
    }

    /** A step that threw, with what it threw. */
    public record Failure(String step, RuntimeException error) {
    }

    /** Runs every warm-up; returns the ones that failed (empty when all ran). */
    public List<Failure> warmUp() {
        return run(warmUps, "warm-up");
    }

    /** Runs every after-restore step; returns the ones that failed. */
    public List<Failure> restore() {
        return run(afterRestore, "after-restore");
    }

    /**
     * What runs before the snapshot: the class preloading finished (or the snapshot holds a list half loaded), then
     * every warm-up. Returns the warm-ups that failed.
     */
    public List<Failure> prepareSnapshot() {
        ClassPreloader.awaitFinished(Duration.ofSeconds(10));
        return warmUp();
    }

    @Override
    public void beforeCheckpoint(org.crac.Context<? extends Resource> context) {
        long started = System.nanoTime();
        List<Failure> failures = prepareSnapshot();
        LOG.info("Primed {} of {} warm-ups in {} ms before the snapshot", warmUps.size() - failures.size(),
                warmUps.size(), (System.nanoTime() - started) / 1_000_000);
    }

    @Override
    public void afterRestore(org.crac.Context<? extends Resource> context) {
        restore();
    }

    private static List<Failure> run(List<Step> steps, String phase) {
        List<Failure> failures = new ArrayList<>();
        for (Step step : steps) {
            try {
                step.action().run();
            } catch (RuntimeException e) {
                LOG.warn("SnapStart {} step '{}' failed; continuing without it", phase, step.name(), e);
                failures.add(new Failure(step.name(), e));
            }
        }
        return failures;
    }

    /** Collects steps; {@link #register()} hands the result to the CRaC runtime. */
    public static final class Builder {
        private final List<Step> warmUps = new ArrayList<>();
        private final List<Step> afterRestore = new ArrayList<>();

        private Builder() {
        }

        /** Runs before the snapshot. Must not open network connections. */
        public Builder warmUp(String name, Runnable action) {
            warmUps.add(new Step(name, action));
            return this;
        }

        /** Runs after each restore: re-create whatever holds connections, re-seed whatever must be unique. */
        public Builder afterRestore(String name, Runnable action) {
            afterRestore.add(new Step(name, action));
            return this;
        }

        /** The hooks, not registered: for tests and for callers that register themselves. */
        public Priming build() {
            return new Priming(warmUps, afterRestore);
        }

        /**
         * Builds the hooks and registers them with CRaC's global context. The context holds resources only
         * weakly, so the caller must keep the returned instance in a field for as long as the function lives.
         * Outside SnapStart (tests, the local server) registering is harmless: nothing ever calls the hooks.
         */
        public Priming register() {
            Priming priming = build();
            Core.getGlobalContext().register(priming);
            return priming;
        }
    }
}
