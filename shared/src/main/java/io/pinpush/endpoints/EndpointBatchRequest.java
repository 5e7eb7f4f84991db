package io.pinpush.endpoints;

import io.pinpush.api.ApiError;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The payload of UpdateEndpointsBatch: 1 to 100 endpoints. The whole batch is validated before anything is
 * written, so one bad item rejects all of them, with its position in the message.
 */
public record EndpointBatchRequest(List<EndpointBatchItem> item) {

    public EndpointBatchRequest {
        if (item == null || item.isEmpty()) {
            throw ApiError.badRequest("Item is required: a list of 1 to " + EndpointLimits.MAX_BATCH_ITEMS + " endpoints");
        }
        if (item.size() > EndpointLimits.MAX_BATCH_ITEMS) {
            throw ApiError.badRequest("A batch may hold at most " + EndpointLimits.MAX_BATCH_ITEMS
                    + " endpoints, got " + item.size());
        }
        item = List.copyOf(item.stream().map(i -> {
            if (i == null) {
                throw ApiError.badRequest("Item may not contain null entries");
            }
            return i;
        }).toList());
        requests(item);
    }

    /** The update for each endpoint id, in batch order. */
    public Map<String, EndpointRequest> requests() {
        return requests(item);
    }

    private static Map<String, EndpointRequest> requests(List<EndpointBatchItem> items) {
        Map<String, EndpointRequest> requests = new LinkedHashMap<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < items.size(); i++) {
            EndpointBatchItem entry = items.get(i);
            try {
                String id = EndpointLimits.requireValidId(entry.id(), "Id");
                if (!seen.add(id)) {
                    throw ApiError.badRequest("Id " + id + " appears more than once in the batch");
                }
                requests.put(id, entry.toRequest());
            } catch (ApiError error) {
                throw ApiError.badRequest("Item[" + i + "]: " + error.getMessage());
            }
        }
        return Collections.unmodifiableMap(requests);
    }
}
