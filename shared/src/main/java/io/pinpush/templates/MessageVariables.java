package io.pinpush.templates;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import io.pinpush.endpoints.EndpointDemographic;
import io.pinpush.endpoints.EndpointLocation;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointUser;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The variables a template sees, as a tree of maps whose leaves are strings or {@link AttributeValues}:
 * {@code {{User.UserAttributes.FirstName}}} walks {@code User → UserAttributes → FirstName}.
 *
 * <p>Sources, highest precedence first (see {@link TemplateRenderer}): the send's address- or endpoint-level
 * Substitutions, the endpoint itself, the message's own Substitutions, then the template's DefaultSubstitutions.
 * Substitution keys are variable paths ({@code "User.UserAttributes.[Last Name]"} or just {@code "Coupon"}).
 *
 * <p>{@code User.X} is also an alias for {@code User.UserAttributes.X}: Pinpoint's own name for a user's first name
 * is {@code User.UserAttributes.FirstName}, but templates written as {@code {{User.FirstName}}} (the recipe's
 * flash-sale template is one) mean the same attribute, and rendering them empty would silently drop the
 * personalization.
 */
final class MessageVariables {

    private MessageVariables() {
    }

    /** Parses a template's DefaultSubstitutions: null or a JSON object of variable paths to default values. */
    static Map<String, Object> parseDefaultSubstitutions(String json) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (json == null || json.isBlank()) {
            return tree;
        }
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw ApiError.badRequest("DefaultSubstitutions is not valid JSON: " + e.getOriginalMessage());
        }
        if (root == null || !root.isObject()) {
            throw ApiError.badRequest("DefaultSubstitutions must be a JSON object of variable names and default values,"
                    + " such as {\"User.UserAttributes.FirstName\": \"there\"}");
        }
        putObject(tree, List.of(), root);
        aliasUserAttributes(tree);
        return tree;
    }

    static Map<String, Object> fromSubstitutions(Map<String, List<String>> substitutions) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (substitutions != null) {
            substitutions.forEach((key, values) -> {
                if (key != null && values != null) put(tree, path(key), new AttributeValues(values));
            });
            aliasUserAttributes(tree);
        }
        return tree;
    }

    /** The endpoint's standard and custom attributes under Pinpoint's variable names (null members are simply absent). */
    static Map<String, Object> fromEndpoint(EndpointResponse endpoint) {
        Map<String, Object> tree = new LinkedHashMap<>();
        if (endpoint == null) {
            return tree;
        }
        putIfPresent(tree, "Address", endpoint.address());
        putIfPresent(tree, "ApplicationId", endpoint.applicationId());
        putIfPresent(tree, "ChannelType", endpoint.channelType() == null ? null : endpoint.channelType().name());
        putIfPresent(tree, "CohortId", endpoint.cohortId());
        putIfPresent(tree, "CreationDate", endpoint.creationDate());
        putIfPresent(tree, "EffectiveDate", endpoint.effectiveDate());
        putIfPresent(tree, "EndpointStatus", endpoint.endpointStatus());
        putIfPresent(tree, "Id", endpoint.id());
        putIfPresent(tree, "EndpointId", endpoint.id());
        putIfPresent(tree, "OptOut", endpoint.optOut());
        putIfPresent(tree, "RequestId", endpoint.requestId());
        putAttributes(tree, "Attributes", endpoint.attributes());
        if (endpoint.metrics() != null && !endpoint.metrics().isEmpty()) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            endpoint.metrics().forEach((name, value) -> putIfPresent(metrics, name, number(value)));
            tree.put("Metrics", metrics);
        }
        EndpointDemographic demographic = endpoint.demographic();
        if (demographic != null) {
            Map<String, Object> map = new LinkedHashMap<>();
            putIfPresent(map, "AppVersion", demographic.appVersion());
            putIfPresent(map, "Locale", demographic.locale());
            putIfPresent(map, "Make", demographic.make());
            putIfPresent(map, "Model", demographic.model());
            putIfPresent(map, "ModelVersion", demographic.modelVersion());
            putIfPresent(map, "Platform", demographic.platform());
            putIfPresent(map, "PlatformVersion", demographic.platformVersion());
            putIfPresent(map, "Timezone", demographic.timezone());
            tree.put("Demographic", map);
        }
        EndpointLocation location = endpoint.location();
        if (location != null) {
            Map<String, Object> map = new LinkedHashMap<>();
            putIfPresent(map, "City", location.city());
            putIfPresent(map, "Country", location.country());
            putIfPresent(map, "Latitude", number(location.latitude()));
            putIfPresent(map, "Longitude", number(location.longitude()));
            putIfPresent(map, "PostalCode", location.postalCode());
            putIfPresent(map, "Region", location.region());
            tree.put("Location", map);
        }
        EndpointUser user = endpoint.user();
        if (user != null) {
            Map<String, Object> map = new LinkedHashMap<>();
            putIfPresent(map, "UserId", user.userId());
            putAttributes(map, "UserAttributes", user.userAttributes());
            tree.put("User", map);
            aliasUserAttributes(tree);
        }
        return tree;
    }

    /**
     * Layers variable trees: {@code owned} (which this call may change and returns) keeps its values; each of
     * {@code fallbacks}, in order, only fills in what is still missing. Fallback trees are shared and never changed.
     */
    @SafeVarargs
    static Map<String, Object> layered(Map<String, Object> owned, Map<String, Object>... fallbacks) {
        for (Map<String, Object> fallback : fallbacks) {
            fillMissing(owned, fallback);
        }
        return owned;
    }

    @SuppressWarnings("unchecked")
    private static void fillMissing(Map<String, Object> target, Map<String, Object> source) {
        source.forEach((key, value) -> {
            Object existing = target.get(key);
            if (existing == null) {
                target.put(key, copy(value));
            } else if (existing instanceof Map && value instanceof Map) {
                fillMissing((Map<String, Object>) existing, (Map<String, Object>) value);
            }
        });
    }

    @SuppressWarnings("unchecked")
    private static Object copy(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<String, Object> copy = new LinkedHashMap<>();
            ((Map<String, Object>) map).forEach((k, v) -> copy.put(k, copy(v)));
            return copy;
        }
        return value;
    }

    /** "User.UserAttributes.[Last Name]" → [User, UserAttributes, Last Name]: dots separate, brackets quote. */
    static List<String> path(String key) {
        List<String> segments = new ArrayList<>();
        StringBuilder segment = new StringBuilder();
        boolean quoted = false;
        for (int i = 0; i < key.length(); i++) {
            char c = key.charAt(i);
            if (quoted) {
                if (c == ']') quoted = false; else segment.append(c);
            } else if (c == '[') {
                quoted = true;
            } else if (c == '.') {
                segments.add(segment.toString());
                segment.setLength(0);
            } else {
                segment.append(c);
            }
        }
        segments.add(segment.toString());
        segments.removeIf(String::isEmpty);
        return segments;
    }

    @SuppressWarnings("unchecked")
    private static void put(Map<String, Object> tree, List<String> path, Object value) {
        if (path.isEmpty()) {
            return;
        }
        Map<String, Object> node = tree;
        for (String segment : path.subList(0, path.size() - 1)) {
            Object child = node.get(segment);
            if (!(child instanceof Map)) {
                child = new LinkedHashMap<String, Object>();
                node.put(segment, child);
            }
            node = (Map<String, Object>) child;
        }
        String last = path.get(path.size() - 1);
        if (!(node.get(last) instanceof Map)) {
            node.put(last, value);
        }
    }

    private static void putObject(Map<String, Object> tree, List<String> prefix, JsonNode object) {
        Iterator<Map.Entry<String, JsonNode>> fields = object.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            List<String> fieldPath = new ArrayList<>(prefix);
            fieldPath.addAll(path(field.getKey()));
            JsonNode value = field.getValue();
            if (value.isObject()) {
                putObject(tree, fieldPath, value);
            } else if (value.isArray()) {
                List<String> values = new ArrayList<>();
                value.forEach(element -> values.add(element.isValueNode() ? element.asText() : element.toString()));
                put(tree, fieldPath, new AttributeValues(values));
            } else if (!value.isNull()) {
                put(tree, fieldPath, value.asText());
            }
        }
    }

    @SuppressWarnings("unchecked")
    private static void aliasUserAttributes(Map<String, Object> tree) {
        if (tree.get("User") instanceof Map<?, ?> user && user.get("UserAttributes") instanceof Map<?, ?> attributes) {
            Map<String, Object> userMap = (Map<String, Object>) user;
            ((Map<String, Object>) attributes).forEach(userMap::putIfAbsent);
        }
    }

    private static void putAttributes(Map<String, Object> tree, String name, Map<String, List<String>> attributes) {
        if (attributes != null && !attributes.isEmpty()) {
            Map<String, Object> map = new LinkedHashMap<>();
            attributes.forEach((key, values) -> {
                if (values != null) map.put(key, new AttributeValues(values));
            });
            tree.put(name, map);
        }
    }

    private static void putIfPresent(Map<String, Object> tree, String name, Object value) {
        if (value != null) {
            tree.put(name, value);
        }
    }

    /** 3.0 prints as "3", 2.5 as "2.5": metrics are doubles on the wire but usually counts. */
    private static String number(Double value) {
        if (value == null || value.isNaN() || value.isInfinite()) {
            return null;
        }
        return BigDecimal.valueOf(value).stripTrailingZeros().toPlainString();
    }
}
