package io.pinpush.messaging;

import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointResponse;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.Collectors;

/** Endpoints in a map (none until a test puts some), remembering what the dispatcher asked of them. */
public final class MapEndpoints implements EndpointDirectory {
    final Map<String, EndpointResponse> byKey = new ConcurrentHashMap<>();
    final List<String> deactivated = new CopyOnWriteArrayList<>();
    /** Every markInactive asked, as {@code endpointId@address}, whether it changed the endpoint or not. */
    final List<String> inactiveAsks = new CopyOnWriteArrayList<>();
    final List<String> replaced = new CopyOnWriteArrayList<>();

    @Override
    public Map<String, EndpointResponse> findAll(String appId, Collection<String> ids) {
        return ids.stream().filter(id -> byKey.containsKey(appId + "/" + id))
                .collect(Collectors.toMap(id -> id, id -> byKey.get(appId + "/" + id)));
    }

    @Override
    public List<EndpointResponse> userEndpoints(String appId, String userId) {
        return byKey.values().stream().filter(e -> e.applicationId().equals(appId) && e.user() != null
                && userId.equals(e.user().userId())).toList();
    }

    @Override
    public boolean markInactive(String appId, String endpointId, String address) {
        inactiveAsks.add(endpointId + "@" + address);
        EndpointResponse stored = byKey.get(appId + "/" + endpointId);
        if (stored == null || !address.equals(stored.address())) {
            return false; // gone, or it holds another token now: as EndpointService answers
        }
        deactivated.add(endpointId);
        return true;
    }

    @Override
    public List<String> markInactiveByAddress(String appId, ChannelType channelType, String address) {
        List<String> ids = byKey.values().stream().filter(e -> e.applicationId().equals(appId)
                && address.equals(e.address())).map(EndpointResponse::id).toList();
        deactivated.addAll(ids);
        return ids;
    }

    @Override
    public boolean replaceAddress(String appId, String endpointId, String oldAddress, String newAddress) {
        replaced.add(endpointId + ":" + oldAddress + "->" + newAddress);
        return true;
    }
}
