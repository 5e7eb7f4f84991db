package io.pinpush.endpoints;

import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;

/**
 * Pinpoint's endpoint quotas, checked before anything is written. A request that breaks one is a
 * BadRequestException naming the member and the limit, never a partial write.
 */
public final class EndpointLimits {

    public static final int MAX_ATTRIBUTE_NAME_LENGTH = 50;
    public static final int MAX_ATTRIBUTE_VALUE_LENGTH = 100;
    public static final int MAX_VALUES_PER_ATTRIBUTE = 50;
    /** Attributes, Metrics and User.UserAttributes names together, per endpoint. */
    public static final int MAX_ATTRIBUTE_KEYS = 250;
    /** The endpoint as stored (its JSON document), in bytes. */
    public static final int MAX_ENDPOINT_BYTES = 15 * 1024;
    public static final int MAX_BATCH_ITEMS = 100;
    public static final int MAX_ENDPOINTS_PER_USER = 15;
    /**
     * Endpoint ids, user ids and addresses become DynamoDB key values (a sort key holds at most 1024 bytes);
     * Pinpoint documents no limit of its own, so this one keeps every key storable.
     */
    public static final int MAX_KEY_BYTES = 1024;

    private EndpointLimits() {
    }

    /** An endpoint id from a path or a batch item: non-empty, storable, without the characters Pinpoint forbids. */
    public static String requireValidId(String endpointId, String member) {
        if (endpointId == null || endpointId.isEmpty()) {
            throw ApiError.badRequest(member + " is required");
        }
        if (endpointId.chars().anyMatch(c -> c == '$' || c == '{' || c == '}')) {
            throw ApiError.badRequest(member + " may not contain $, { or }: '" + endpointId + "'");
        }
        requireKeySize(member, endpointId);
        return endpointId;
    }

    /** True when an id could name a stored endpoint; lookups of anything else simply find nothing. */
    public static boolean isStorableKey(String value) {
        return value != null && !value.isEmpty() && utf8Length(value) <= MAX_KEY_BYTES;
    }

    static void requireKeySize(String member, String value) {
        if (value != null && utf8Length(value) > MAX_KEY_BYTES) {
            throw ApiError.badRequest(member + " must be at most " + MAX_KEY_BYTES + " bytes long");
        }
    }

    /** Attributes or User.UserAttributes of a request: names, value lengths and counts. */
    static void checkAttributes(String member, Map<String, List<String>> attributes) {
        if (attributes == null) {
            return;
        }
        attributes.forEach((name, values) -> {
            checkName(member, name);
            if (values == null) {
                throw ApiError.badRequest(member + "." + name + " must be a list of strings, not null");
            }
            if (values.size() > MAX_VALUES_PER_ATTRIBUTE) {
                throw ApiError.badRequest(member + "." + name + " has " + values.size() + " values; at most "
                        + MAX_VALUES_PER_ATTRIBUTE + " are allowed per attribute");
            }
            for (String value : values) {
                if (value == null) {
                    throw ApiError.badRequest(member + "." + name + " may not contain null values");
                }
                if (value.length() > MAX_ATTRIBUTE_VALUE_LENGTH) {
                    throw ApiError.badRequest("A value of " + member + "." + name + " is " + value.length()
                            + " characters long; attribute values may have at most " + MAX_ATTRIBUTE_VALUE_LENGTH);
                }
            }
        });
    }

    static void checkMetrics(Map<String, Double> metrics) {
        if (metrics == null) {
            return;
        }
        metrics.forEach((name, value) -> {
            checkName("Metrics", name);
            if (value == null) {
                throw ApiError.badRequest("Metrics." + name + " must be a number, not null");
            }
        });
    }

    private static void checkName(String member, String name) {
        if (name.isEmpty()) {
            throw ApiError.badRequest(member + " may not contain an attribute with an empty name");
        }
        if (name.length() > MAX_ATTRIBUTE_NAME_LENGTH) {
            throw ApiError.badRequest(member + " name '" + name + "' is " + name.length()
                    + " characters long; attribute names may have at most " + MAX_ATTRIBUTE_NAME_LENGTH);
        }
    }

    /** The limits that only the endpoint as it would be stored can break: key count and document size. */
    static void checkStored(EndpointResponse endpoint) {
        int keys = size(endpoint.attributes()) + size(endpoint.metrics())
                + (endpoint.user() == null ? 0 : size(endpoint.user().userAttributes()));
        if (keys > MAX_ATTRIBUTE_KEYS) {
            throw ApiError.badRequest("Endpoint " + endpoint.id() + " would have " + keys
                    + " attributes (Attributes, Metrics and User.UserAttributes together); at most "
                    + MAX_ATTRIBUTE_KEYS + " are allowed");
        }
        int bytes = utf8Length(Json.write(endpoint));
        if (bytes > MAX_ENDPOINT_BYTES) {
            throw ApiError.badRequest("Endpoint " + endpoint.id() + " would be " + bytes
                    + " bytes as JSON; an endpoint may be at most " + MAX_ENDPOINT_BYTES + " bytes (15 KB)");
        }
    }

    private static int size(Map<?, ?> map) {
        return map == null ? 0 : map.size();
    }

    private static int utf8Length(String value) {
        return value.getBytes(StandardCharsets.UTF_8).length;
    }
}
