package io.pinpush.events;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.RequestBodies;
import java.util.Map;

/**
 * Pinpoint's EventsBatch: one endpoint (a PublicEndpoint) and the events it reports, keyed by the client's event ids.
 * The endpoint is kept as JSON until its own item is handled ({@link #publicEndpoint}): a mistake in it (a wrong
 * type, an unknown ChannelType) fails that item's endpoint, not the whole request.
 */
public record EventsBatch(JsonNode endpoint, Map<String, Event> events) {

    /** True when the item names no endpoint (none, or JSON null). */
    public boolean hasNoEndpoint() {
        return endpoint == null || endpoint.isNull();
    }

    /**
     * The endpoint read as Pinpoint's PublicEndpoint.
     *
     * @throws io.pinpush.api.ApiError BadRequestException describing the mistake, for this item's endpoint result
     */
    public PublicEndpoint publicEndpoint() {
        return RequestBodies.readPart(endpoint, PublicEndpoint.class);
    }
}
