package io.pinpush.endpoints;

import io.pinpush.api.ApiError;
import io.pinpush.api.Timestamps;
import io.pinpush.channels.ChannelType;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Map;

/**
 * The payload of UpdateEndpoint (and of PutEvents' endpoint): the members to set on an endpoint. Members left
 * out keep their stored values; see {@link EndpointMerge} for how each one is applied.
 *
 * <p>Validates itself: enum-like strings, dates, coordinates, and the per-attribute quotas. Quotas that depend
 * on the stored endpoint (total attribute count, document size) are checked after merging.
 */
public record EndpointRequest(
        String address,
        Map<String, List<String>> attributes,
        ChannelType channelType,
        EndpointDemographic demographic,
        String effectiveDate,
        String endpointStatus,
        EndpointLocation location,
        Map<String, Double> metrics,
        String optOut,
        String requestId,
        EndpointUser user) {

    public EndpointRequest {
        if (address != null) {
            if (address.isEmpty()) {
                throw ApiError.badRequest("Address may not be empty; leave it out to keep the stored address");
            }
            EndpointLimits.requireKeySize("Address", address);
        }
        EndpointLimits.checkAttributes("Attributes", attributes);
        attributes = AttributeMaps.copy(attributes);
        EndpointLimits.checkMetrics(metrics);
        metrics = AttributeMaps.copy(metrics);
        effectiveDate = normalizedDate(effectiveDate);
        requireOneOf("EndpointStatus", endpointStatus, EndpointResponse.ACTIVE, EndpointResponse.INACTIVE);
        requireOneOf("OptOut", optOut, EndpointResponse.OPT_OUT_ALL, EndpointResponse.OPT_OUT_NONE);
        if (location != null) {
            requireRange("Location.Latitude", location.latitude(), 90);
            requireRange("Location.Longitude", location.longitude(), 180);
        }
        if (user != null) {
            EndpointLimits.requireKeySize("User.UserId", user.userId());
            EndpointLimits.checkAttributes("User.UserAttributes", user.userAttributes());
            user = new EndpointUser(AttributeMaps.copy(user.userAttributes()), user.userId());
        }
    }

    /** This request, stamped with the API request's id unless the caller named one (Pinpoint stores the latest). */
    public EndpointRequest withRequestIdIfAbsent(String apiRequestId) {
        if (requestId != null) {
            return this;
        }
        return new EndpointRequest(address, attributes, channelType, demographic, effectiveDate, endpointStatus,
                location, metrics, optOut, apiRequestId, user);
    }

    private static String normalizedDate(String date) {
        if (date == null) {
            return null;
        }
        try {
            return Timestamps.format(OffsetDateTime.parse(date).toInstant());
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest("EffectiveDate must be an ISO-8601 date and time such as "
                    + "2024-05-01T17:31:01.046Z, got '" + date + "'");
        }
    }

    private static void requireOneOf(String member, String value, String... allowed) {
        if (value != null && !List.of(allowed).contains(value)) {
            throw ApiError.badRequest("Invalid value '" + value + "' for member " + member + ": expected one of "
                    + String.join(", ", allowed));
        }
    }

    private static void requireRange(String member, Double value, double bound) {
        if (value != null && !(value >= -bound && value <= bound)) {
            throw ApiError.badRequest(member + " must be between " + -bound + " and " + bound + ", got " + value);
        }
    }
}
