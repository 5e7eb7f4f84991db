package io.pinpush.apps;

import io.pinpush.api.Route;
import io.pinpush.store.Page;
import java.util.List;

/** The app operations of the Pinpoint API. */
public final class AppRoutes {

    private AppRoutes() {
    }

    public static List<Route> routes(AppService apps) {
        return List.of(
                Route.of("CreateApp", "POST", "/v1/apps", 201,
                        req -> apps.create(req.body(CreateApplicationRequest.class)).toResponse()),
                Route.of("GetApps", "GET", "/v1/apps", 200, req -> {
                    Page<App> page = apps.list(req.page());
                    return new ApplicationsResponse(page.items().stream().map(App::toResponse).toList(),
                            page.nextToken());
                }),
                Route.of("GetApp", "GET", "/v1/apps/{application-id}", 200,
                        req -> apps.require(req.pathParam("application-id")).toResponse()),
                Route.of("DeleteApp", "DELETE", "/v1/apps/{application-id}", 200,
                        req -> apps.delete(req.pathParam("application-id")).toResponse()),
                Route.of("GetApplicationSettings", "GET", "/v1/apps/{application-id}/settings", 200,
                        req -> apps.require(req.pathParam("application-id")).settingsResource()),
                Route.of("UpdateApplicationSettings", "PUT", "/v1/apps/{application-id}/settings", 200,
                        req -> apps.updateSettings(req.pathParam("application-id"),
                                req.body(ApplicationSettings.class)).settingsResource()));
    }
}
