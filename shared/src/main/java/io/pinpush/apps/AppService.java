package io.pinpush.apps;

import io.pinpush.api.ApiError;
import io.pinpush.api.Arns;
import io.pinpush.api.Ids;
import io.pinpush.api.PageRequest;
import io.pinpush.api.Timestamps;
import io.pinpush.store.Page;
import io.pinpush.tags.TaggableResource;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

/** Apps and their settings: the container every other resource belongs to. */
public final class AppService {

    /** Endpoint partitions per new app: enough parallelism for millions of endpoints, few enough to scan small apps quickly. */
    public static final int DEFAULT_ENDPOINT_SHARDS = 16;
    /** Attempts of one change against concurrent ones before the caller is asked to retry. */
    static final int MAX_WRITE_ATTEMPTS = 20;

    private final AppStore store;
    private final Arns arns;
    private final Clock clock;
    private final List<AppScopedData> appScopedData = new CopyOnWriteArrayList<>();

    public AppService(AppStore store, Arns arns, Clock clock) {
        this.store = store;
        this.arns = arns;
        this.clock = clock;
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

    public Page<App> list(PageRequest page) {
        return store.list(page);
    }

    /** Deletes the app and everything that belongs to it; returns the app as it was. */
    public App delete(String appId) {
        App app = require(appId);
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
