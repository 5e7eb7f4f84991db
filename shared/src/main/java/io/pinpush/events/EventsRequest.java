package io.pinpush.events;

import io.pinpush.api.ApiError;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/** The payload of PutEvents: batch items keyed by endpoint id. Request-wide limits are checked here. */
public record EventsRequest(Map<String, EventsBatch> batchItem) {

    /** Pinpoint's quota: events per PutEvents request, over all batch items. */
    public static final int MAX_EVENTS = 100;

    public EventsRequest {
        if (batchItem == null || batchItem.isEmpty()) {
            throw ApiError.badRequest("BatchItem is required: a map of endpoint ids to their Endpoint and Events");
        }
        int events = 0;
        for (Map.Entry<String, EventsBatch> item : batchItem.entrySet()) {
            if (item.getKey().isBlank()) {
                throw ApiError.badRequest("BatchItem keys are endpoint ids and may not be blank");
            }
            if (item.getValue() != null && item.getValue().events() != null) {
                events += item.getValue().events().size();
            }
        }
        if (events > MAX_EVENTS) {
            throw ApiError.badRequest("A PutEvents request may carry at most " + MAX_EVENTS + " events; this one has "
                    + events);
        }
        // In the request's order (two items on one address: the later one keeps it ACTIVE, as if sent one by one);
        // null items allowed, each answered with its own 400.
        batchItem = Collections.unmodifiableMap(new LinkedHashMap<>(batchItem));
    }
}
