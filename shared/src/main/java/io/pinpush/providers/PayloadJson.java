package io.pinpush.providers;

import com.fasterxml.jackson.core.JsonProcessingException;
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
}
