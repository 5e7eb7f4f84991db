package io.pinpush.endpoints;

import io.pinpush.api.ApiError;
import java.util.Arrays;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/** The {@code attribute-type} of RemoveAttributes: which map of an endpoint the names refer to. */
public enum AttributeType {
    CUSTOM("endpoint-custom-attributes") {
        @Override
        Map<String, ?> of(EndpointResponse endpoint) {
            return endpoint.attributes();
        }

        @Override
        EndpointResponse without(EndpointResponse endpoint, Predicate<String> names) {
            return endpoint.withAttributes(AttributeMaps.without(endpoint.attributes(), names));
        }
    },
    METRIC("endpoint-metric-attributes") {
        @Override
        Map<String, ?> of(EndpointResponse endpoint) {
            return endpoint.metrics();
        }

        @Override
        EndpointResponse without(EndpointResponse endpoint, Predicate<String> names) {
            return endpoint.withMetrics(AttributeMaps.without(endpoint.metrics(), names));
        }
    },
    USER("endpoint-user-attributes") {
        @Override
        Map<String, ?> of(EndpointResponse endpoint) {
            return endpoint.user() == null ? null : endpoint.user().userAttributes();
        }

        @Override
        EndpointResponse without(EndpointResponse endpoint, Predicate<String> names) {
            EndpointUser user = endpoint.user();
            if (user == null) {
                return endpoint;
            }
            return endpoint.withUser(EndpointMerge.user(AttributeMaps.without(user.userAttributes(), names), user.userId()));
        }
    };

    private final String pathValue;

    AttributeType(String pathValue) {
        this.pathValue = pathValue;
    }

    public String pathValue() {
        return pathValue;
    }

    public static AttributeType fromPath(String value) {
        return Arrays.stream(values()).filter(type -> type.pathValue.equals(value)).findFirst()
                .orElseThrow(() -> ApiError.badRequest("Invalid attribute-type '" + value + "': expected one of "
                        + Arrays.stream(values()).map(AttributeType::pathValue).collect(Collectors.joining(", "))));
    }

    /** The names of this type on the endpoint that {@code names} selects. */
    Set<String> matching(EndpointResponse endpoint, Predicate<String> names) {
        Map<String, ?> map = of(endpoint);
        return map == null ? Set.of() : map.keySet().stream().filter(names).collect(Collectors.toSet());
    }

    abstract Map<String, ?> of(EndpointResponse endpoint);

    abstract EndpointResponse without(EndpointResponse endpoint, Predicate<String> names);
}
