package io.pinpush.hooks;

import io.pinpush.endpoints.EndpointResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * Pinpoint's rules for calling a hook: at most {@value #ATTEMPTS} attempts, each bounded by the target's timeout
 * (15 s), with exponential backoff between them. Only failures that may pass are retried (timeouts, function
 * errors, 5xx, 429); a 4xx or an answer that cannot be read fails at once.
 */
public final class HookCalls {

    public static final int ATTEMPTS = 3;
    public static final Duration TIMEOUT = Duration.ofSeconds(15);

    /** Waits between attempts; a parameter so tests need not wait the production backoff. */
    @FunctionalInterface
    public interface Pause {
        void pause(Duration duration) throws InterruptedException;
    }

    private final Duration backoff;
    private final Pause pause;

    public HookCalls(Duration backoff, Pause pause) {
        this.backoff = backoff;
        this.pause = pause;
    }

    /** One second, then two: the whole retry fits in Pinpoint's budget of three 15-second attempts. */
    public static HookCalls standard() {
        return new HookCalls(Duration.ofSeconds(1), duration -> Thread.sleep(duration.toMillis()));
    }

    /** Calls {@code target} until {@code read} accepts an answer, or throws the last failure. */
    public <T> T call(HookTarget target, String appId, String payload, Function<String, T> read) {
        HookCallException last = null;
        for (int attempt = 1; attempt <= ATTEMPTS; attempt++) {
            try {
                return read.apply(target.call(appId, payload));
            } catch (HookCallException failed) {
                last = failed;
                if (!failed.retryable()) {
                    throw failed;
                }
                if (attempt < ATTEMPTS) {
                    waitBefore(attempt + 1);
                }
            }
        }
        throw new HookCallException(last.getMessage() + " (after " + ATTEMPTS + " attempts)", false, last);
    }

    private void waitBefore(int attempt) {
        try {
            pause.pause(backoff.multipliedBy(1L << (attempt - 2)));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new HookCallException("Interrupted between hook attempts", false, e);
        }
    }

    /** The endpoints in calls of at most {@link CampaignHookEvent#MAX_ENDPOINTS}, keyed by id. */
    public static List<Map<String, EndpointResponse>> batches(List<EndpointResponse> endpoints) {
        List<Map<String, EndpointResponse>> batches = new ArrayList<>();
        Map<String, EndpointResponse> current = new LinkedHashMap<>();
        for (EndpointResponse endpoint : endpoints) {
            current.put(endpoint.id(), endpoint);
            if (current.size() == CampaignHookEvent.MAX_ENDPOINTS) {
                batches.add(current);
                current = new LinkedHashMap<>();
            }
        }
        if (!current.isEmpty()) {
            batches.add(current);
        }
        return batches;
    }
}
