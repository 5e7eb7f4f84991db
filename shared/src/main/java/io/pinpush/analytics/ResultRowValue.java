package io.pinpush.analytics;

/** Pinpoint's ResultRowValue: a named, typed value in a KPI result row (Type is Double, Long or String). */
public record ResultRowValue(String key, String type, String value) {

    static ResultRowValue ofLong(String key, long value) {
        return new ResultRowValue(key, "Long", Long.toString(value));
    }

    static ResultRowValue ofDouble(String key, double value) {
        return new ResultRowValue(key, "Double", Double.toString(value));
    }

    static ResultRowValue ofString(String key, String value) {
        return new ResultRowValue(key, "String", value);
    }
}
