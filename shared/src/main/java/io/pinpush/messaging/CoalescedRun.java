package io.pinpush.messaging;

import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs an action for any number of requests, one run at a time: a request made while it runs is served by one more
 * run after it, however many came. The dispatcher's late answers use it for their flush: each would otherwise run a
 * whole flush of its own, one after another on the settle threads the next batch needs.
 */
final class CoalescedRun {

    private static final Logger LOG = LoggerFactory.getLogger(CoalescedRun.class);

    private final String what;
    private final Runnable action;
    /** Requests since the current run began; zero when none runs. */
    private final AtomicInteger requests = new AtomicInteger();

    CoalescedRun(String what, Runnable action) {
        this.what = what;
        this.action = action;
    }

    /** Runs the action on this thread, unless a run is under way: that run then runs once more before it ends. */
    void request() {
        if (requests.getAndIncrement() > 0) {
            return;
        }
        while (true) {
            int served = requests.get(); // every request so far: the run below covers them
            try {
                action.run();
            } catch (RuntimeException e) {
                LOG.warn("Could not {}; the next invocation's flush tries again", what, e);
            } catch (Error e) {
                requests.set(0); // the next request runs again rather than wait on a run that is over
                throw e;
            }
            if (requests.compareAndSet(served, 0)) {
                return;
            }
        }
    }
}
