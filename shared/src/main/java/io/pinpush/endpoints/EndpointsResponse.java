package io.pinpush.endpoints;

import java.util.List;

/** Pinpoint's EndpointsResponse: the endpoints of one user. */
public record EndpointsResponse(List<EndpointResponse> item) {

    public EndpointsResponse {
        item = List.copyOf(item);
    }
}
