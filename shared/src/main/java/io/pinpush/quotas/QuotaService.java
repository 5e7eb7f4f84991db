package io.pinpush.quotas;

import io.pinpush.api.ApiError;
import io.pinpush.apps.AppService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;

/**
 * Each app's request-rate limits: Pinpoint's defaults ({@link PinpointQuotas}) unless the app set its own.
 * The guard reads them on every call, so an instance keeps what it read for {@link #CACHE_TTL}; a change made
 * through another instance takes effect here within that time.
 */
public final class QuotaService {

    static final Duration CACHE_TTL = Duration.ofSeconds(10);
    /** The highest limit an app may set; far above any default, below what one counter item could take. */
    static final int MAX_RATE = 100_000;
    private static final int MAX_CACHED = 10_000;

    private final QuotaStore store;
    private final AppService apps;
    private final Clock clock;
    private final Supplier<Set<String>> appOperations;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    /**
     * @param appOperations the operations that act on one app (routes with an {@code application-id}): the ones a
     *                      quota can name
     */
    public QuotaService(QuotaStore store, AppService apps, Clock clock, Supplier<Set<String>> appOperations) {
        this.store = store;
        this.apps = apps;
        this.clock = clock;
        this.appOperations = appOperations;
    }

    /** Requests per second {@code operation} may have on {@code appId}. */
    public int limit(String appId, String operation) {
        Integer own = overrides(appId).get(operation);
        return own != null ? own : PinpointQuotas.defaultRate(operation);
    }

    public QuotasResponse get(String appId) {
        apps.require(appId);
        return response(appId, store.overrides(appId));
    }

    /** Replaces the app's own limits with {@code request}'s; every other operation gets Pinpoint's default again. */
    public QuotasResponse update(String appId, UpdateQuotasRequest request) {
        if (request == null || request.requestsPerSecond() == null) {
            throw ApiError.badRequest("RequestsPerSecond is required: {\"RequestsPerSecond\": {\"<Operation>\": <rate>}}");
        }
        Set<String> known = appOperations.get();
        Map<String, Integer> overrides = new TreeMap<>();
        request.requestsPerSecond().forEach((operation, rate) -> {
            if (!known.contains(operation)) {
                throw ApiError.badRequest("RequestsPerSecond names '" + operation
                        + "', which is not an operation on an application; known: " + new java.util.TreeSet<>(known));
            }
            if (rate == null || rate < 1 || rate > MAX_RATE) {
                throw ApiError.badRequest("RequestsPerSecond of " + operation + " must be between 1 and " + MAX_RATE
                        + ", got " + rate);
            }
            if (rate != PinpointQuotas.defaultRate(operation)) {
                overrides.put(operation, rate);
            }
        });
        apps.require(appId);
        store.put(appId, overrides);
        cache.remove(appId);
        return response(appId, overrides);
    }

    private QuotasResponse response(String appId, Map<String, Integer> overrides) {
        Map<String, Integer> effective = new TreeMap<>();
        appOperations.get().forEach(operation -> effective.put(operation,
                overrides.getOrDefault(operation, PinpointQuotas.defaultRate(operation))));
        return new QuotasResponse(appId, effective, new TreeMap<>(overrides));
    }

    private Map<String, Integer> overrides(String appId) {
        Instant now = clock.instant();
        Cached cached = cache.get(appId);
        if (cached != null && now.isBefore(cached.until())) {
            return cached.overrides();
        }
        if (cache.size() > MAX_CACHED) {
            cache.clear();
        }
        Map<String, Integer> overrides = store.overrides(appId);
        cache.put(appId, new Cached(overrides, now.plus(CACHE_TTL)));
        return overrides;
    }

    private record Cached(Map<String, Integer> overrides, Instant until) {
    }

    /** {@code PUT /v1/apps/{application-id}/quotas}: the app's own limits, requests per second by operation. */
    public record UpdateQuotasRequest(Map<String, Integer> requestsPerSecond) {
    }

    /**
     * @param requestsPerSecond the limit in force for every operation on the app
     * @param overrides         the ones the app set itself (the rest are Pinpoint's defaults)
     */
    public record QuotasResponse(String applicationId, Map<String, Integer> requestsPerSecond,
                                 Map<String, Integer> overrides) {
    }
}
