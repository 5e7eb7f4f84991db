package io.pinpush.segments;

import io.pinpush.endpoints.EndpointResponse;
import java.util.Optional;

/**
 * Why an endpoint of the app is not sent to, in Pinpoint's vocabulary (the delivery statuses and event
 * attributes it uses for these cases). Checked in this order; the first that applies is counted.
 */
public enum ExclusionReason {
    /** The endpoint does not meet the segment's criteria. */
    FILTERED_OUT_BY_SEGMENT,
    /** EndpointStatus INACTIVE (the provider rejected the address, or the app set it). */
    ENDPOINT_INACTIVE,
    /** OptOut ALL. */
    ENDPOINT_OPT_OUT;

    /** Why a segment member would not be sent to; empty when it is sendable. */
    static Optional<ExclusionReason> ofMember(EndpointResponse endpoint) {
        if (!endpoint.isActive()) return Optional.of(ENDPOINT_INACTIVE);
        if (endpoint.isOptedOut()) return Optional.of(ENDPOINT_OPT_OUT);
        return Optional.empty();
    }
}
