package io.pinpush.endpoints;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pinpush.channels.ChannelType;
import java.util.List;
import java.util.Map;

/**
 * An endpoint: Pinpoint's EndpointResponse, which is also exactly what the endpoints table stores
 * (one JSON document per endpoint). OptOut is "ALL" or "NONE"; EndpointStatus is "ACTIVE" or "INACTIVE".
 *
 * <p>Helper methods carry {@code @JsonIgnore}: Jackson would otherwise write {@code isActive()} as an "Active"
 * member that is not in Pinpoint's shape.
 */
public record EndpointResponse(String address, String applicationId, Map<String, List<String>> attributes,
                               ChannelType channelType, String cohortId, String creationDate,
                               EndpointDemographic demographic, String effectiveDate, String endpointStatus,
                               String id, EndpointLocation location, Map<String, Double> metrics, String optOut,
                               String requestId, EndpointUser user) {

    public static final String ACTIVE = "ACTIVE";
    public static final String INACTIVE = "INACTIVE";
    public static final String OPT_OUT_ALL = "ALL";
    public static final String OPT_OUT_NONE = "NONE";

    @JsonIgnore
    public boolean isActive() {
        return !INACTIVE.equals(endpointStatus);
    }

    @JsonIgnore
    public boolean isOptedOut() {
        return OPT_OUT_ALL.equals(optOut);
    }

    /** The endpoint's user id, or null when no user is assigned. */
    @JsonIgnore
    public String userId() {
        return user == null ? null : user.userId();
    }

    public EndpointResponse withEndpointStatus(String status) {
        return new EndpointResponse(address, applicationId, attributes, channelType, cohortId, creationDate,
                demographic, effectiveDate, status, id, location, metrics, optOut, requestId, user);
    }

    public EndpointResponse withAddress(String newAddress) {
        return new EndpointResponse(newAddress, applicationId, attributes, channelType, cohortId, creationDate,
                demographic, effectiveDate, endpointStatus, id, location, metrics, optOut, requestId, user);
    }

    public EndpointResponse withAttributes(Map<String, List<String>> newAttributes) {
        return new EndpointResponse(address, applicationId, newAttributes, channelType, cohortId, creationDate,
                demographic, effectiveDate, endpointStatus, id, location, metrics, optOut, requestId, user);
    }

    public EndpointResponse withMetrics(Map<String, Double> newMetrics) {
        return new EndpointResponse(address, applicationId, attributes, channelType, cohortId, creationDate,
                demographic, effectiveDate, endpointStatus, id, location, newMetrics, optOut, requestId, user);
    }

    public EndpointResponse withUser(EndpointUser newUser) {
        return new EndpointResponse(address, applicationId, attributes, channelType, cohortId, creationDate,
                demographic, effectiveDate, endpointStatus, id, location, metrics, optOut, requestId, newUser);
    }
}
