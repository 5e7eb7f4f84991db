package io.pinpush.api;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A path such as {@code /v1/apps/{application-id}/endpoints/{endpoint-id}} with its variables.
 * Matching works on raw (still percent-encoded) segments and decodes each value afterwards, so a value
 * may itself contain an encoded slash (resource ARNs in {@code /v1/tags/{resource-arn}} do).
 */
public record PathTemplate(String template, List<String> segments) {

    public static PathTemplate of(String template) {
        return new PathTemplate(template, split(template));
    }

    public Optional<Map<String, String>> match(List<String> rawSegments) {
        if (rawSegments.size() != segments.size()) {
            return Optional.empty();
        }
        Map<String, String> params = new HashMap<>();
        for (int i = 0; i < segments.size(); i++) {
            String expected = segments.get(i);
            String actual = rawSegments.get(i);
            if (isVariable(expected)) {
                if (actual.isEmpty()) {
                    return Optional.empty();
                }
                params.put(expected.substring(1, expected.length() - 1), decode(actual));
            } else if (!expected.equals(actual)) {
                return Optional.empty();
            }
        }
        return Optional.of(params);
    }

    static List<String> split(String path) {
        String trimmed = path.startsWith("/") ? path.substring(1) : path;
        if (trimmed.endsWith("/")) {
            trimmed = trimmed.substring(0, trimmed.length() - 1);
        }
        return List.of(trimmed.split("/", -1));
    }

    private static boolean isVariable(String segment) {
        return segment.startsWith("{") && segment.endsWith("}");
    }

    private static String decode(String raw) {
        try {
            // Path segments are not form-encoded: a literal '+' stays a '+'.
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw ApiError.badRequest("Malformed percent-encoding in path segment '" + raw + "'");
        }
    }
}
