package io.pinpush.segments;

import java.util.List;

/** Pinpoint's SetDimension: a demographic or location value that must (INCLUSIVE) or must not (EXCLUSIVE) be one of {@code values}. */
public record SetDimension(DimensionType dimensionType, List<String> values) {

    public enum DimensionType { INCLUSIVE, EXCLUSIVE }

    public SetDimension {
        values = Validation.requireValues("Values", values);
    }

    /** Whether an endpoint whose value is {@code actual} (null when it has none) passes this dimension. */
    public boolean test(String actual) {
        boolean listed = actual != null && values.contains(actual);
        return dimensionType == DimensionType.EXCLUSIVE ? !listed : listed;
    }
}
