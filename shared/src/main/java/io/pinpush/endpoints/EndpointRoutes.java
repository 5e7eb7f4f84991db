package io.pinpush.endpoints;

import io.pinpush.api.ApiError;
import io.pinpush.api.ErrorBody;
import io.pinpush.api.Route;
import java.util.List;

/** The endpoint, user and attribute operations of the Pinpoint API. */
public final class EndpointRoutes {

    private static final String ENDPOINT = "/v1/apps/{application-id}/endpoints/{endpoint-id}";
    private static final String USER = "/v1/apps/{application-id}/users/{user-id}";

    private EndpointRoutes() {
    }

    public static List<Route> routes(EndpointService endpoints) {
        return List.of(
                Route.of("UpdateEndpoint", "PUT", ENDPOINT, 202, req -> {
                    endpoints.upsert(req.pathParam("application-id"), req.pathParam("endpoint-id"),
                            req.body(EndpointRequest.class).withRequestIdIfAbsent(req.requestId()));
                    return accepted(req.requestId());
                }),
                Route.of("UpdateEndpointsBatch", "PUT", "/v1/apps/{application-id}/endpoints", 202, req -> {
                    endpoints.upsertBatch(req.pathParam("application-id"), req.body(EndpointBatchRequest.class),
                            req.requestId());
                    return accepted(req.requestId());
                }),
                Route.of("GetEndpoint", "GET", ENDPOINT, 200,
                        req -> endpoints.require(req.pathParam("application-id"), req.pathParam("endpoint-id"))),
                Route.of("DeleteEndpoint", "DELETE", ENDPOINT, 202,
                        req -> endpoints.delete(req.pathParam("application-id"), req.pathParam("endpoint-id"))),
                Route.of("RemoveAttributes", "PUT", "/v1/apps/{application-id}/attributes/{attribute-type}", 200,
                        req -> endpoints.removeAttributes(req.pathParam("application-id"),
                                AttributeType.fromPath(req.pathParam("attribute-type")),
                                req.body(UpdateAttributesRequest.class))),
                Route.of("GetUserEndpoints", "GET", USER, 200, req -> {
                    String appId = req.pathParam("application-id");
                    String userId = req.pathParam("user-id");
                    return userFound(appId, userId, endpoints.userEndpoints(appId, userId));
                }),
                Route.of("DeleteUserEndpoints", "DELETE", USER, 202, req -> {
                    String appId = req.pathParam("application-id");
                    String userId = req.pathParam("user-id");
                    return userFound(appId, userId, endpoints.deleteUserEndpoints(appId, userId));
                }));
    }

    /** Pinpoint answers accepted writes with a MessageBody, which has the same shape as an error body. */
    private static ErrorBody accepted(String requestId) {
        return new ErrorBody("Accepted", requestId);
    }

    private static EndpointsResponse userFound(String appId, String userId, List<EndpointResponse> endpoints) {
        if (endpoints.isEmpty()) {
            throw ApiError.notFound("User " + userId + " has no endpoints in application " + appId);
        }
        return new EndpointsResponse(endpoints);
    }
}
