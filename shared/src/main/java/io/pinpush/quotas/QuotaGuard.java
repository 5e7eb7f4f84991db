package io.pinpush.quotas;

import io.pinpush.api.ApiError;
import io.pinpush.api.ApiRequest;
import io.pinpush.api.Route;
import io.pinpush.api.Router;
import java.time.Clock;

/**
 * Refuses a call over its app's request-rate quota with 429 TooManyRequestsException, which the AWS SDKs and CLI
 * retry with backoff. Only calls on one app are limited (their route has an {@code application-id}); account-level
 * operations (CreateApp, GetApps, templates) are left to API Gateway's stage throttling.
 *
 * <p>Register it as the last guard: a call another guard refuses (authentication, authorization) must not spend a
 * permit, nor cost a counter write.
 */
public final class QuotaGuard implements Router.Guard {

    private static final String APP_ID = "application-id";

    private final QuotaService quotas;
    private final QuotaCounters counters;
    private final Clock clock;

    public QuotaGuard(QuotaService quotas, QuotaCounters counters, Clock clock) {
        this.quotas = quotas;
        this.counters = counters;
        this.clock = clock;
    }

    @Override
    public void admit(Route route, ApiRequest request) {
        String appId = request.pathParams().get(APP_ID);
        if (appId == null || appId.isEmpty()) {
            return;
        }
        int limit = quotas.limit(appId, route.operation());
        if (!counters.tryAcquire(appId, route.operation(), limit, clock.instant().getEpochSecond())) {
            throw ApiError.tooManyRequests("Rate exceeded: " + route.operation() + " is limited to " + limit
                    + " requests per second on application " + appId);
        }
    }
}
