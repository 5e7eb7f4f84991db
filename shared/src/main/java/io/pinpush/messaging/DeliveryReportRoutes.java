package io.pinpush.messaging;

import io.pinpush.api.Route;
import java.util.List;

/** GetMessageReport: Pinpush's extension route that reports a send request's deliveries (see the README). */
public final class DeliveryReportRoutes {

    private DeliveryReportRoutes() {
    }

    public static List<Route> routes(DeliveryReports reports) {
        return List.of(Route.of("GetMessageReport", "GET", "/v1/apps/{application-id}/messages/{request-id}", 200,
                req -> reports.report(req.pathParam("application-id"), req.pathParam("request-id"))));
    }
}
