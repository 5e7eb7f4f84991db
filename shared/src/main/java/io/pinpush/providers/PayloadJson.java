package io.pinpush.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.io.JsonStringEncoder;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.api.Json;
import java.nio.charset.StandardCharsets;

/** Reading and measuring provider payloads. */
public final class PayloadJson {

    private PayloadJson() {
    }

    /** Parses a JSON object the customer wrote (RawContent); anything else is an {@link InvalidMessage}. */
    public static ObjectNode parseObject(String json, String what) {
        JsonNode node;
        try {
            node = Json.mapper().readTree(json);
        } catch (JsonProcessingException e) {
            throw new InvalidMessage(what + " is not valid JSON: " + e.getOriginalMessage());
        }
        if (!(node instanceof ObjectNode object)) {
            throw new InvalidMessage(what + " must be a JSON object");
        }
        return object;
    }

    public static int utf8Length(String text) {
        return text.getBytes(StandardCharsets.UTF_8).length;
    }

    public static String write(JsonNode node) {
        return Json.write(node);
    }

    /**
     * {@code objectJson} (a JSON object as {@link #write} writes it) with one more string member at its end, as if
     * it had been put in the tree before writing; {@code name} must not be a member already.
     */
    public static String withStringMember(String objectJson, String name, String value) {
        String member = quoted(name) + ':' + quoted(value) + '}';
        return objectJson.equals("{}") ? '{' + member
                : objectJson.substring(0, objectJson.length() - 1) + ',' + member;
    }

    private static String quoted(String text) {
        return '"' + new String(JsonStringEncoder.getInstance().quoteAsString(text)) + '"';
    }
}
