package io.pinpush.messaging;

import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * What messaging needs from the endpoints: look them up at send time, and keep them honest afterwards
 * (tokens a provider rejected for good, tokens a provider replaced). The composition root adapts the
 * endpoint service to this.
 */
public interface EndpointDirectory {

    /** Knows no endpoints and changes nothing: for a Pinpush without endpoint storage. */
    EndpointDirectory NONE = new EndpointDirectory() {
        @Override
        public Map<String, EndpointResponse> findAll(String appId, Collection<String> endpointIds) {
            return Map.of();
        }

        @Override
        public List<EndpointResponse> userEndpoints(String appId, String userId) {
            return List.of();
        }

        @Override
        public boolean markInactive(String appId, String endpointId, String address) {
            return false;
        }

        @Override
        public List<String> markInactiveByAddress(String appId, ChannelType channelType, String address) {
            return List.of();
        }

        @Override
        public boolean replaceAddress(String appId, String endpointId, String oldAddress, String newAddress) {
            return false;
        }
    };

    /** The endpoints that exist among {@code endpointIds}, by id. */
    Map<String, EndpointResponse> findAll(String appId, Collection<String> endpointIds);

    /** Every endpoint of the user, active or not. */
    List<EndpointResponse> userEndpoints(String appId, String userId);

    /** Marks the endpoint INACTIVE if it still holds {@code address}, the one the provider said is dead; true if it did. */
    boolean markInactive(String appId, String endpointId, String address);

    /** Marks every endpoint holding the address INACTIVE; returns their ids. */
    List<String> markInactiveByAddress(String appId, ChannelType channelType, String address);

    /** Swaps the endpoint's address if it still is {@code oldAddress}; false when it changed in the meantime. */
    boolean replaceAddress(String appId, String endpointId, String oldAddress, String newAddress);

    default Optional<EndpointResponse> find(String appId, String endpointId) {
        return Optional.ofNullable(findAll(appId, List.of(endpointId)).get(endpointId));
    }
}
