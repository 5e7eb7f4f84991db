package io.pinpush.endpoints;

import io.pinpush.api.ApiError;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Pinpoint's rule that a user id has at most 15 endpoints. A 16th push endpoint makes room: the user's oldest
 * push endpoint (by CreationDate; INACTIVE ones first, since they lose nothing) is set INACTIVE and loses the
 * user id. Any other 16th endpoint, or one for a user with no push endpoint to give way, is rejected.
 */
final class UserEndpointCap {

    private UserEndpointCap() {
    }

    /** Before writing {@code incoming} with its (new) user id: throws when nothing could make room for it. */
    static void requireRoom(EndpointResponse incoming, List<EndpointResponse> usersEndpoints) {
        List<EndpointResponse> others = usersEndpoints.stream()
                .filter(e -> !e.id().equals(incoming.id())).toList();
        if (others.size() < EndpointLimits.MAX_ENDPOINTS_PER_USER) {
            return;
        }
        String full = "User " + incoming.userId() + " already has " + others.size() + " endpoints, the most a user may have";
        if (incoming.channelType() == null || !incoming.channelType().isPush()) {
            throw ApiError.badRequest(full + "; only a push endpoint (APNS, GCM, ADM, BAIDU) can replace an older one."
                    + " Delete one of the user's endpoints first");
        }
        if (others.stream().noneMatch(UserEndpointCap::isPush)) {
            throw ApiError.badRequest(full + ", none of them a push endpoint that could give way."
                    + " Delete one of the user's endpoints first");
        }
    }

    /** After {@code kept} was written: the endpoints that must give up the user id so it keeps at most 15. */
    static List<EndpointResponse> toRelease(EndpointResponse kept, List<EndpointResponse> usersEndpoints) {
        List<EndpointResponse> others = new ArrayList<>(usersEndpoints.stream()
                .filter(e -> !e.id().equals(kept.id())).toList());
        int excess = others.size() + 1 - EndpointLimits.MAX_ENDPOINTS_PER_USER;
        if (excess <= 0) {
            return List.of();
        }
        return others.stream()
                .filter(UserEndpointCap::isPush)
                .sorted(Comparator.comparing(EndpointResponse::isActive)
                        .thenComparing(e -> e.creationDate() == null ? Instant.MIN : Instant.parse(e.creationDate()))
                        .thenComparing(EndpointResponse::id))
                .limit(excess)
                .toList();
    }

    private static boolean isPush(EndpointResponse endpoint) {
        return endpoint.channelType() != null && endpoint.channelType().isPush();
    }
}
