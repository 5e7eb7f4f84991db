package io.pinpush.providers;

import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Pinpoint's message variables: {@code {{Name}}} in a title, body or raw payload becomes the value of the
 * Substitutions entry {@code Name} (several values are joined with ", "). A variable without a value stays
 * as written, so a missing substitution is visible rather than silently blank.
 */
final class MessageVariables {

    private static final Pattern VARIABLE = Pattern.compile("\\{\\{\\s*([^{}]+?)\\s*}}");

    private MessageVariables() {
    }

    static String substitute(String text, Map<String, List<String>> variables) {
        return replace(text, variables, false);
    }

    /** For raw JSON payloads: the values are escaped so a quote or backslash in them cannot break the JSON. */
    static String substituteInJson(String json, Map<String, List<String>> variables) {
        return replace(json, variables, true);
    }

    private static String replace(String text, Map<String, List<String>> variables, boolean jsonEscape) {
        if (text == null || variables.isEmpty() || !text.contains("{{")) {
            return text;
        }
        Matcher matcher = VARIABLE.matcher(text);
        StringBuilder result = new StringBuilder();
        while (matcher.find()) {
            List<String> values = variables.get(matcher.group(1));
            String replacement = values == null ? matcher.group() : String.join(", ", values);
            matcher.appendReplacement(result, Matcher.quoteReplacement(jsonEscape && values != null
                    ? escapeJson(replacement) : replacement));
        }
        matcher.appendTail(result);
        return result.toString();
    }

    private static String escapeJson(String value) {
        String quoted = io.pinpush.api.Json.write(value);
        return quoted.substring(1, quoted.length() - 1);
    }
}
