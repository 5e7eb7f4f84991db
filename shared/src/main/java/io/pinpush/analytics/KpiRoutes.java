package io.pinpush.analytics;

import io.pinpush.api.Route;
import java.util.List;

/** GetApplicationDateRangeKpi. */
public final class KpiRoutes {

    private KpiRoutes() {
    }

    public static List<Route> routes(KpiService kpis) {
        return List.of(Route.of("GetApplicationDateRangeKpi", "GET", "/v1/apps/{application-id}/kpis/daterange/{kpi-name}",
                200, req -> kpis.dateRangeKpi(req.pathParam("application-id"), req.pathParam("kpi-name"),
                        req.queryParam("start-time"), req.queryParam("end-time"))));
    }
}
