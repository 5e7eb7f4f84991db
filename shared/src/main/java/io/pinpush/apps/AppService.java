package io.pinpush.apps;

import io.pinpush.api.ApiError;
import io.pinpush.api.Arns;
import io.pinpush.api.Ids;
import io.pinpush.api.PageRequest;
import io.pinpush.api.Timestamps;
import io.pinpush.store.Page;
import io.pinpush.tags.TaggableResource;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Apps and their settings: the container every other resource belongs to. */
public final class AppService {

    /** Endpoint partitions per new app: enough parallelism for millions of endpoints, few enough to scan small apps quickly. */
    public static final int DEFAULT_ENDPOINT_SHARDS = 16;
    /** Attempts of one change against concurrent ones before the caller is asked to retry. */
    static final int MAX_WRITE_ATTEMPTS = 20;

    /** Apps {@link #requireExists} remembers at most; past it the memory starts again (a few KB). */
    private static final int MAX_REMEMBERED = 10_000;

    private final AppStore store;
    private final Arns arns;
    private final Clock clock;
    private final Duration existenceTtl;
    private final List<AppScopedData> appScopedData = new CopyOnWriteArrayList<>();
    /** Until when each app recently found to exist is taken to exist without a read. */
    private final Map<String, Instant> existsUntil = new ConcurrentHashMap<>();
    /** DeleteApps begun in this process: a read that raced one is not remembered. */
    private final AtomicLong deletions = new AtomicLong();

    public AppService(AppStore store, Arns arns, Clock clock) {
        this(store, arns, clock, Duration.ZERO);
    }

    /** @param existenceTtl how long {@link #requireExists} trusts that an app it read exists ({@code PINPUSH_APP_CACHE_TTL}) */
    public AppService(AppStore store, Arns arns, Clock clock, Duration existenceTtl) {
        this.store = store;
        this.arns = arns;
        this.clock = clock;
        this.existenceTtl = existenceTtl;
    }

    /** Registers data that DeleteApp must remove with the app. */
    public void deletesWithApp(AppScopedData data) {
        appScopedData.add(data);
    }

    public App create(CreateApplicationRequest request) {
        String id = Ids.newId();
        App app = new App(id, request.name(), arns.app(id), request.tags(), Timestamps.now(clock),
                DEFAULT_ENDPOINT_SHARDS, ApplicationSettings.EMPTY, null);
        store.create(app);
        return app;
    }

    /** The app, or NotFoundException: every app-scoped operation starts here. */
    public App require(String appId) {
        return store.get(appId).orElseThrow(() -> ApiError.notFound("Application " + appId + " not found"));
    }

    /**
     * NotFoundException unless the app exists, for the send path, which needs nothing of the app but that: an app
     * found is trusted for the existence TTL, so a stream of sends to one app reads it once per TTL rather than once
     * per request (a round trip and a read unit each). DeleteApp forgets it in this process at once; another process
     * (another Lambda instance) may accept sends to a deleted app for up to the TTL, as its channel cache may still
     * push for up to its own TTL.
     */
    public void requireExists(String appId) {
        Instant now = clock.instant();
        Instant until = existsUntil.get(appId);
        if (until != null && now.isBefore(until)) {
            return;
        }
        long deletionsBefore = deletions.get();
        require(appId);
        if (!existenceTtl.isZero()) {
            if (existsUntil.size() >= MAX_REMEMBERED) {
                existsUntil.clear();
            }
            existsUntil.put(appId, now.plus(existenceTtl));
            if (deletions.get() != deletionsBefore) {
                existsUntil.remove(appId); // a DeleteApp ran meanwhile: this read may predate it
            }
        }
    }

    public Page<App> list(PageRequest page) {
        return store.list(page);
    }

    /** Deletes the app and everything that belongs to it; returns the app as it was. */
    public App delete(String appId) {
        App app = require(appId);
        deletions.incrementAndGet();
        existsUntil.remove(appId);
        appScopedData.forEach(data -> data.deleteAllOf(appId));
        store.delete(appId);
        return app;
    }

    public App updateSettings(String appId, ApplicationSettings update) {
        update.requireValid();
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            App stored = require(appId);
            App updated = stored.withSettings(update.over(stored.settings() == null
                    ? ApplicationSettings.EMPTY : stored.settings()), Timestamps.now(clock));
            if (store.replace(stored, updated)) {
                return updated;
            }
        }
        throw ApiError.tooManyRequests("Application " + appId + " is being changed by many requests at once; retry");
    }

    /** The app's tags as a {@link TaggableResource}: TagResource and its kin on {@code apps/{id}} ARNs. */
    public TaggableResource tags() {
        return TaggableResource.stored(arn -> store.get(arn.appId()), App::tags, App::withTags, store::replace);
    }
}
