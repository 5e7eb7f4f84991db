package io.pinpush.endpoints;

import io.pinpush.channels.ChannelType;
import java.util.List;
import java.util.Map;

/**
 * An endpoint: Pinpoint's EndpointResponse, which is also exactly what the endpoints table stores
 * (one JSON document per endpoint). OptOut is "ALL" or "NONE"; EndpointStatus is "ACTIVE" or "INACTIVE".
 */
public record EndpointResponse(String address, String applicationId, Map<String, List<String>> attributes,
                               ChannelType channelType, String cohortId, String creationDate,
                               EndpointDemographic demographic, String effectiveDate, String endpointStatus,
                               String id, EndpointLocation location, Map<String, Double> metrics, String optOut,
                               String requestId, EndpointUser user) {

    public boolean isActive() {
        return !"INACTIVE".equals(endpointStatus);
    }

    public boolean isOptedOut() {
        return "ALL".equals(optOut);
    }
}
