package io.pinpush.events;

import java.util.Map;

/** Pinpoint's EventsResponse: one ItemResponse per batch item, keyed by endpoint id. */
public record EventsResponse(Map<String, ItemResponse> results) {

    /** Pinpoint's ItemResponse: the endpoint update's result and each event's, keyed by event id. */
    public record ItemResponse(Result endpointItemResponse, Map<String, Result> eventsItemResponse) {
    }

    /** Pinpoint's EndpointItemResponse and EventItemResponse, which have the same members. */
    public record Result(String message, Integer statusCode) {

        public static final Result ACCEPTED = new Result("Accepted", 202);

        public static Result badRequest(String message) {
            return new Result(message, 400);
        }
    }
}
