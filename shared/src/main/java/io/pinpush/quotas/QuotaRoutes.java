package io.pinpush.quotas;

import io.pinpush.api.Route;
import java.util.List;

/**
 * Pinpush extensions (Pinpoint's quotas were changed through AWS Support): {@code GetApplicationQuotas} and
 * {@code UpdateApplicationQuotas} on {@code /v1/apps/{application-id}/quotas}.
 */
public final class QuotaRoutes {

    private static final String PATH = "/v1/apps/{application-id}/quotas";

    private QuotaRoutes() {
    }

    public static List<Route> routes(QuotaService quotas) {
        return List.of(
                Route.of("GetApplicationQuotas", "GET", PATH, 200,
                        req -> quotas.get(req.pathParam("application-id"))),
                Route.of("UpdateApplicationQuotas", "PUT", PATH, 200,
                        req -> quotas.update(req.pathParam("application-id"),
                                req.body(QuotaService.UpdateQuotasRequest.class))));
    }
}
