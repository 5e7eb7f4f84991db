package io.pinpush.store;

import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;

/** Small helpers for DynamoDB attribute maps, so stores read as key schemes rather than SDK plumbing. */
public final class Items {

    /** The attribute that holds an entity as its JSON document. */
    public static final String DOC = "doc";

    private Items() {
    }

    public static AttributeValue s(String value) {
        return AttributeValue.fromS(value);
    }

    public static AttributeValue n(long value) {
        return AttributeValue.fromN(Long.toString(value));
    }

    public static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }

    public static long number(Map<String, AttributeValue> item, String name, long defaultValue) {
        AttributeValue value = item.get(name);
        return value == null || value.n() == null ? defaultValue : Long.parseLong(value.n());
    }

    /** Keeps only string attributes: continuation keys of our tables are all strings. */
    public static Map<String, String> stringKey(Map<String, AttributeValue> key) {
        java.util.Map<String, String> out = new java.util.LinkedHashMap<>();
        key.forEach((k, v) -> out.put(k, v.s()));
        return out;
    }

    public static Map<String, AttributeValue> attributeKey(Map<String, String> key) {
        java.util.Map<String, AttributeValue> out = new java.util.LinkedHashMap<>();
        key.forEach((k, v) -> out.put(k, s(v)));
        return out;
    }
}
