package io.pinpush.segments;

import io.pinpush.api.ApiError;
import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/** Pinpoint's MetricDimension: the endpoint's metric compared with {@code value}. ComparisonOperator is a plain string in the model. */
public record MetricDimension(String comparisonOperator, Double value) {

    public enum Operator { GREATER_THAN, LESS_THAN, GREATER_THAN_OR_EQUAL, LESS_THAN_OR_EQUAL, EQUAL }

    public MetricDimension {
        operator(comparisonOperator);
        if (value == null || value.isNaN() || value.isInfinite()) {
            throw ApiError.badRequest("MetricDimension.Value is required and must be a finite number");
        }
    }

    private static Operator operator(String name) {
        try {
            return Operator.valueOf(name);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw ApiError.badRequest("Invalid ComparisonOperator '" + name + "': expected one of "
                    + Arrays.stream(Operator.values()).map(Enum::name).collect(Collectors.joining(", ")));
        }
    }

    /** Whether an endpoint whose metric is {@code actual} (null when it has none) passes. */
    public boolean test(Double actual) {
        if (actual == null) return false;
        int c = Double.compare(actual, value);
        return switch (operator(comparisonOperator)) {
            case GREATER_THAN -> c > 0;
            case LESS_THAN -> c < 0;
            case GREATER_THAN_OR_EQUAL -> c >= 0;
            case LESS_THAN_OR_EQUAL -> c <= 0;
            case EQUAL -> c == 0;
        };
    }

    @Override
    public String toString() {
        return comparisonOperator.toUpperCase(Locale.ROOT) + " " + value;
    }
}
