package io.pinpush.campaigns;

import io.pinpush.api.ApiRequest;
import io.pinpush.api.Route;
import io.pinpush.api.VersionNumbers;
import io.pinpush.store.Page;
import java.util.List;

/** The campaign operations of the Pinpoint API. */
public final class CampaignRoutes {

    private static final String PATH = "/v1/apps/{application-id}/campaigns";
    private static final String CAMPAIGN = PATH + "/{campaign-id}";

    private CampaignRoutes() {
    }

    public static List<Route> routes(CampaignService campaigns) {
        return List.of(
                Route.of("CreateCampaign", "POST", PATH, 201,
                        req -> campaigns.create(app(req), req.body(WriteCampaignRequest.class))),
                Route.of("GetCampaigns", "GET", PATH, 200,
                        req -> page(campaigns.list(app(req), req.page()))),
                Route.of("GetCampaign", "GET", CAMPAIGN, 200,
                        req -> campaigns.require(app(req), campaign(req), null)),
                Route.of("UpdateCampaign", "PUT", CAMPAIGN, 200,
                        req -> campaigns.update(app(req), campaign(req), req.body(WriteCampaignRequest.class))),
                Route.of("DeleteCampaign", "DELETE", CAMPAIGN, 200,
                        req -> campaigns.delete(app(req), campaign(req))),
                Route.of("GetCampaignVersions", "GET", CAMPAIGN + "/versions", 200,
                        req -> page(campaigns.versions(app(req), campaign(req), req.page()))),
                Route.of("GetCampaignVersion", "GET", CAMPAIGN + "/versions/{version}", 200,
                        req -> campaigns.require(app(req), campaign(req),
                                VersionNumbers.parse(req.pathParam("version")))),
                Route.of("GetCampaignActivities", "GET", CAMPAIGN + "/activities", 200, req -> {
                    Page<ActivityResponse> page = campaigns.activities(app(req), campaign(req), req.page());
                    return new ActivitiesResponse(page.items(), page.nextToken());
                }));
    }

    private static CampaignsResponse page(Page<CampaignResponse> page) {
        return new CampaignsResponse(page.items(), page.nextToken());
    }

    private static String app(ApiRequest req) {
        return req.pathParam("application-id");
    }

    private static String campaign(ApiRequest req) {
        return req.pathParam("campaign-id");
    }
}
