package io.pinpush.store;

import java.util.concurrent.ThreadLocalRandom;

/** Jittered exponential pauses between retries of a lost conditional write or unprocessed batch items. */
public final class Backoff {

    private static final long BASE_MILLIS = 5;
    private static final long CAP_MILLIS = 200;

    private Backoff() {
    }

    /** Sleeps up to min(200, 5 * 2^attempt) ms, at random, so contending writers spread out. */
    public static void pause(int attempt) {
        long ceiling = Math.min(CAP_MILLIS, BASE_MILLIS << Math.min(attempt, 10));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextLong(1, ceiling + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while waiting to retry", e);
        }
    }
}
