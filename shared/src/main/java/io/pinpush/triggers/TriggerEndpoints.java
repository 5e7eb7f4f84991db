package io.pinpush.triggers;

import io.pinpush.endpoints.EndpointResponse;
import java.util.Optional;

/**
 * The stored endpoint, for an event whose envelope does not carry it (PutEvents events always do; Pinpush's own
 * outcome events may not). Only called for events that matched a filter.
 */
@FunctionalInterface
public interface TriggerEndpoints {

    Optional<EndpointResponse> find(String appId, String endpointId);
}
