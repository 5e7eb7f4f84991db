package io.pinpush.events;

import io.pinpush.api.ApiError;
import io.pinpush.api.Timestamps;
import io.pinpush.apps.AppScopedData;
import io.pinpush.apps.AppService;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * PutEventStream, GetEventStream and DeleteEventStream, and the publisher's view of them: which destination an
 * app's events go to besides the deployment's own stream.
 *
 * <p>The publisher asks for every batch, so answers are cached per app for a short while; this instance's own
 * writes take effect at once, other function instances see them within the cache's lifetime.
 */
public final class EventStreamService implements AppScopedData, AppDestinations {

    private final EventStreamStore store;
    private final AppService apps;
    private final Clock clock;
    private final Duration cacheTtl;
    private final Map<String, Cached> cache = new ConcurrentHashMap<>();

    private record Cached(Optional<Destination> destination, Instant expires) {
    }

    public EventStreamService(EventStreamStore store, AppService apps, Clock clock, Duration cacheTtl) {
        this.store = store;
        this.apps = apps;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    public EventStream put(String appId, WriteEventStream request, String caller) {
        apps.require(appId);
        EventStream stream = new EventStream(appId, request.destinationStreamArn(), null, Timestamps.now(clock),
                caller, request.roleArn());
        store.put(stream);
        cache.remove(appId);
        return stream;
    }

    public EventStream get(String appId) {
        apps.require(appId);
        return store.get(appId).orElseThrow(() -> noStream(appId));
    }

    /** Stops streaming the app's events to its destination; returns the stream as it was. */
    public EventStream delete(String appId) {
        apps.require(appId);
        EventStream deleted = store.delete(appId).orElseThrow(() -> noStream(appId));
        cache.remove(appId);
        return deleted;
    }

    @Override
    public void deleteAllOf(String appId) {
        store.delete(appId);
        cache.remove(appId);
    }

    /**
     * The app's own destination, if it set one. When the table cannot be read, the last known answer is used
     * (a stale destination is better than none); with no answer at all the failure propagates.
     */
    @Override
    public Optional<Destination> destinationOf(String appId) {
        Instant now = clock.instant();
        Cached cached = cache.get(appId);
        if (cached != null && now.isBefore(cached.expires())) {
            return cached.destination();
        }
        try {
            Optional<Destination> destination = store.get(appId).map(EventStream::destination);
            cache.put(appId, new Cached(destination, now.plus(cacheTtl)));
            return destination;
        } catch (RuntimeException unreadable) {
            if (cached != null) {
                return cached.destination();
            }
            throw unreadable;
        }
    }

    private static ApiError noStream(String appId) {
        return ApiError.notFound("Application " + appId + " has no event stream");
    }
}
