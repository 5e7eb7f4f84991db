package io.pinpush.events;

import io.pinpush.apps.App;
import io.pinpush.endpoints.EndpointResponse;

/**
 * What PutEvents needs from the endpoints work: create or update an endpoint with the same merge rules as
 * UpdateEndpoint, in an app the call has already read. Wired in the composition root as
 * {@code (app, id, endpoint) -> endpoints.upsert(app, id, endpoint.as(EndpointRequest.class))}.
 */
@FunctionalInterface
public interface EndpointUpserts {

    /**
     * @return the endpoint as stored after the merge
     * @throws io.pinpush.api.ApiError a BadRequestException when the endpoint is invalid (fails this item only)
     */
    EndpointResponse upsert(App app, String endpointId, PublicEndpoint endpoint);
}
