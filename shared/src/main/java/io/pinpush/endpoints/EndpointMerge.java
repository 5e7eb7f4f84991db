package io.pinpush.endpoints;

import java.util.List;
import java.util.Map;

/**
 * How an {@link EndpointRequest} changes a stored endpoint (or creates one). Pure, so UpdateEndpoint,
 * UpdateEndpointsBatch and PutEvents all apply exactly the same rules:
 * <ul>
 *   <li>Scalars (Address, ChannelType, OptOut, RequestId, User.UserId) replace the stored value when present and
 *       keep it when absent. An empty User.UserId removes the user id.</li>
 *   <li>Attributes, Metrics and User.UserAttributes merge per key: a key in the request replaces that key's values,
 *       other stored keys stay. An empty list removes the key.</li>
 *   <li>Demographic and Location merge per member.</li>
 *   <li>EndpointStatus is ACTIVE unless the request says otherwise: Pinpoint reactivates an endpoint whenever it is
 *       updated. EffectiveDate is the request's, or now.</li>
 *   <li>CreationDate is set once; CohortId derives from the id; ApplicationId and Id are always filled.</li>
 * </ul>
 */
public final class EndpointMerge {

    private EndpointMerge() {
    }

    /** The endpoint after {@code update}; {@code stored} is null when the endpoint does not exist yet. */
    public static EndpointResponse apply(EndpointResponse stored, EndpointRequest update, String appId,
                                         String endpointId, String now) {
        EndpointResponse base = stored != null ? stored : new EndpointResponse(null, appId, null, null, null, now,
                null, null, null, endpointId, null, null, null, null, null);
        return new EndpointResponse(
                pick(update.address(), base.address()),
                appId,
                AttributeMaps.merge(base.attributes(), update.attributes()),
                pick(update.channelType(), base.channelType()),
                EndpointHashing.cohort(endpointId),
                base.creationDate() != null ? base.creationDate() : now,
                demographic(base.demographic(), update.demographic()),
                pick(update.effectiveDate(), now),
                pick(update.endpointStatus(), EndpointResponse.ACTIVE),
                endpointId,
                location(base.location(), update.location()),
                AttributeMaps.merge(base.metrics(), update.metrics()),
                pick(update.optOut(), pick(base.optOut(), EndpointResponse.OPT_OUT_NONE)),
                pick(update.requestId(), base.requestId()),
                user(base.user(), update.user()));
    }

    /** A user, or null when it has neither attributes nor an id (so the member disappears from the JSON). */
    static EndpointUser user(Map<String, List<String>> userAttributes, String userId) {
        return userAttributes == null && userId == null ? null : new EndpointUser(userAttributes, userId);
    }

    private static EndpointUser user(EndpointUser stored, EndpointUser update) {
        if (update == null) {
            return stored;
        }
        String storedId = stored == null ? null : stored.userId();
        String userId = update.userId() == null ? storedId : update.userId().isEmpty() ? null : update.userId();
        return user(AttributeMaps.merge(stored == null ? null : stored.userAttributes(), update.userAttributes()), userId);
    }

    private static EndpointDemographic demographic(EndpointDemographic stored, EndpointDemographic update) {
        if (update == null || stored == null) {
            return update == null ? stored : update;
        }
        return new EndpointDemographic(
                pick(update.appVersion(), stored.appVersion()),
                pick(update.locale(), stored.locale()),
                pick(update.make(), stored.make()),
                pick(update.model(), stored.model()),
                pick(update.modelVersion(), stored.modelVersion()),
                pick(update.platform(), stored.platform()),
                pick(update.platformVersion(), stored.platformVersion()),
                pick(update.timezone(), stored.timezone()));
    }

    private static EndpointLocation location(EndpointLocation stored, EndpointLocation update) {
        if (update == null || stored == null) {
            return update == null ? stored : update;
        }
        return new EndpointLocation(
                pick(update.city(), stored.city()),
                pick(update.country(), stored.country()),
                pick(update.latitude(), stored.latitude()),
                pick(update.longitude(), stored.longitude()),
                pick(update.postalCode(), stored.postalCode()),
                pick(update.region(), stored.region()));
    }

    private static <T> T pick(T update, T stored) {
        return update != null ? update : stored;
    }
}
