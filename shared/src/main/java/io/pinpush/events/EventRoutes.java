package io.pinpush.events;

import io.pinpush.api.Route;
import java.util.List;

/** The event stream operations and PutEvents of the Pinpoint API. */
public final class EventRoutes {

    private EventRoutes() {
    }

    public static List<Route> routes(EventStreamService streams, PutEventsService putEvents) {
        return List.of(
                Route.of("PutEventStream", "POST", "/v1/apps/{application-id}/eventstream", 200,
                        req -> streams.put(req.pathParam("application-id"), req.body(WriteEventStream.class),
                                req.caller())),
                Route.of("GetEventStream", "GET", "/v1/apps/{application-id}/eventstream", 200,
                        req -> streams.get(req.pathParam("application-id"))),
                Route.of("DeleteEventStream", "DELETE", "/v1/apps/{application-id}/eventstream", 200,
                        req -> streams.delete(req.pathParam("application-id"))),
                Route.of("PutEvents", "POST", "/v1/apps/{application-id}/events", 202, req -> {
                    PutEventsService.checkRequestSize(req.body());
                    return putEvents.put(req.pathParam("application-id"), req.body(EventsRequest.class),
                            req.requestId());
                }));
    }
}
