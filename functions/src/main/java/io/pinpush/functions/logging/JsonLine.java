package io.pinpush.functions.logging;

import io.pinpush.api.Timestamps;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import org.slf4j.event.Level;

/**
 * One log record as one line of JSON, in the shape Powertools' Lambda layout gives: {@code level}, {@code message},
 * {@code error} ({@code name}, {@code message}, {@code stack}) when there is one, {@code timestamp}, then the
 * context (Powertools puts {@code function_request_id}, {@code cold_start}, {@code service}... in SLF4J's MDC; the
 * API function adds {@code correlation_id}). CloudWatch Logs Insights and metric filters read these fields.
 */
final class JsonLine {


    private static final Pattern WHOLE_NUMBER = Pattern.compile("\\d{1,9}");
    private static final Pattern DECIMAL = Pattern.compile("\\d+(\\.\\d+)?");

    private JsonLine() {
    }

    static String render(Level level, String message, Throwable error, Instant time, Map<String, String> context) {
        StringBuilder json = new StringBuilder(256).append('{');
        field(json, "level").append('"').append(level.name()).append('"');
        field(json.append(','), "message");
        string(json, message);
        if (error != null) {
            field(json.append(','), "error").append('{');
            field(json, "name");
            string(json, error.getClass().getName());
            field(json.append(','), "message");
            string(json, error.getMessage());
            field(json.append(','), "stack");
            string(json, stackTrace(error));
            json.append('}');
        }
        field(json.append(','), "timestamp").append('"').append(Timestamps.format(time)).append('"');
        // Sorted, so that a line reads the same from one invocation to the next.
        for (Map.Entry<String, String> entry : new TreeMap<>(context).entrySet()) {
            field(json.append(','), entry.getKey());
            value(json, entry.getKey(), entry.getValue());
        }
        return json.append('}').toString();
    }

    private static StringBuilder field(StringBuilder json, String name) {
        return string(json, name).append(':');
    }

    /** Powertools' layout writes these context fields as JSON booleans and numbers; everything else is a string. */
    private static void value(StringBuilder json, String key, String value) {
        boolean typed = switch (key) {
            case "cold_start" -> value.equals("true") || value.equals("false");
            case "function_memory_size" -> WHOLE_NUMBER.matcher(value).matches();
            case "sampling_rate" -> DECIMAL.matcher(value).matches();
            default -> false;
        };
        if (typed) {
            json.append(value);
        } else {
            string(json, value);
        }
    }

    static StringBuilder string(StringBuilder json, String text) {
        if (text == null) {
            return json.append("null");
        }
        json.append('"');
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '"' -> json.append("\\\"");
                case '\\' -> json.append("\\\\");
                case '\n' -> json.append("\\n");
                case '\r' -> json.append("\\r");
                case '\t' -> json.append("\\t");
                default -> {
                    if (c < 0x20 || c == '\u2028' || c == '\u2029') {
                        json.append(String.format("\\u%04x", (int) c));
                    } else {
                        json.append(c);
                    }
                }
            }
        }
        return json.append('"');
    }

    private static String stackTrace(Throwable error) {
        StringWriter trace = new StringWriter();
        error.printStackTrace(new PrintWriter(trace));
        return trace.toString();
    }
}
