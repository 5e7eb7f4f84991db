package io.pinpush.analytics;

import io.pinpush.api.Route;
import java.util.List;

/** GetApplicationDateRangeKpi. */
public final class KpiRoutes {

    private KpiRoutes() {
    }

    public static List<Route> routes(KpiService kpis) {
        return List.of(appKpi(kpis));
    }

    /** GetApplicationDateRangeKpi and GetCampaignDateRangeKpi. */
    public static List<Route> routes(KpiService kpis, CampaignKpiService campaignKpis) {
        return List.of(appKpi(kpis), Route.of("GetCampaignDateRangeKpi", "GET",
                "/v1/apps/{application-id}/campaigns/{campaign-id}/kpis/daterange/{kpi-name}", 200,
                req -> campaignKpis.dateRangeKpi(req.pathParam("application-id"), req.pathParam("campaign-id"),
                        req.pathParam("kpi-name"), req.queryParam("start-time"), req.queryParam("end-time"))));
    }

    private static Route appKpi(KpiService kpis) {
        return (Route.of("GetApplicationDateRangeKpi", "GET", "/v1/apps/{application-id}/kpis/daterange/{kpi-name}",
                200, req -> kpis.dateRangeKpi(req.pathParam("application-id"), req.pathParam("kpi-name"),
                        req.queryParam("start-time"), req.queryParam("end-time"))));
    }
}
