package io.pinpush.endpoints;

import io.pinpush.channels.ChannelType;
import java.util.List;
import java.util.Map;

/** One endpoint of UpdateEndpointsBatch: an {@link EndpointRequest} plus the endpoint's Id. */
public record EndpointBatchItem(
        String address,
        Map<String, List<String>> attributes,
        ChannelType channelType,
        EndpointDemographic demographic,
        String effectiveDate,
        String endpointStatus,
        String id,
        EndpointLocation location,
        Map<String, Double> metrics,
        String optOut,
        String requestId,
        EndpointUser user) {

    /** The update this item describes, validated like UpdateEndpoint's body. */
    public EndpointRequest toRequest() {
        return new EndpointRequest(address, attributes, channelType, demographic, effectiveDate, endpointStatus,
                location, metrics, optOut, requestId, user);
    }
}
