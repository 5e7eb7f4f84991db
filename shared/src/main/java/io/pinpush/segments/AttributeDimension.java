package io.pinpush.segments;

import io.pinpush.api.ApiError;
import java.time.Instant;
import java.util.List;

/**
 * Pinpoint's AttributeDimension, for custom endpoint Attributes and UserAttributes. The date operators read the
 * values as ISO-8601 instants (see {@link IsoDates}); their arity is checked here so a definition that could
 * never be evaluated is refused at write time.
 */
public record AttributeDimension(AttributeType attributeType, List<String> values) {

    /** The model's AttributeType, plus NOT_BETWEEN (a documented Pinpush extension, the negation of BETWEEN). */
    public enum AttributeType { INCLUSIVE, EXCLUSIVE, CONTAINS, BEFORE, AFTER, ON, BETWEEN, NOT_BETWEEN }

    public AttributeDimension {
        values = Validation.requireValues("Values", values);
        AttributeType type = attributeType == null ? AttributeType.INCLUSIVE : attributeType;
        switch (type) {
            case BEFORE, AFTER, ON -> requireDates(type, values, 1);
            case BETWEEN, NOT_BETWEEN -> {
                requireDates(type, values, 2);
                if (IsoDates.parse(values.get(0)).isAfter(IsoDates.parse(values.get(1)))) {
                    throw ApiError.badRequest(type + " needs the earlier date first, got " + values);
                }
            }
            default -> { }
        }
    }

    AttributeType effectiveType() {
        return attributeType == null ? AttributeType.INCLUSIVE : attributeType;
    }

    /** Whether an endpoint whose values for the attribute are {@code actual} (empty when it has none) passes. */
    public boolean test(List<String> actual) {
        return switch (effectiveType()) {
            case INCLUSIVE -> actual.stream().anyMatch(values::contains);
            case EXCLUSIVE -> actual.stream().noneMatch(values::contains);
            case CONTAINS -> actual.stream().anyMatch(a -> values.stream().anyMatch(a::contains));
            case BEFORE -> anyDate(actual, d -> d.isBefore(IsoDates.parse(values.get(0))));
            case AFTER -> anyDate(actual, d -> d.isAfter(IsoDates.parse(values.get(0))));
            case ON -> anyDate(actual, d -> IsoDates.sameUtcDay(d, IsoDates.parse(values.get(0))));
            case BETWEEN -> anyDate(actual, this::between);
            case NOT_BETWEEN -> anyDate(actual, d -> !between(d));
        };
    }

    private boolean between(Instant date) {
        return !date.isBefore(IsoDates.parse(values.get(0))) && !date.isAfter(IsoDates.parse(values.get(1)));
    }

    private static boolean anyDate(List<String> actual, java.util.function.Predicate<Instant> test) {
        return actual.stream().map(IsoDates::tryParse).flatMap(java.util.Optional::stream).anyMatch(test);
    }

    private static void requireDates(AttributeType type, List<String> values, int count) {
        if (values.size() != count) {
            throw ApiError.badRequest(type + " needs exactly " + count + (count == 1 ? " date" : " dates")
                    + " in Values, got " + values.size());
        }
        values.forEach(v -> {
            if (IsoDates.tryParse(v).isEmpty()) {
                throw ApiError.badRequest(type + " needs ISO-8601 dates (for example 2026-01-31T00:00:00Z), got '" + v + "'");
            }
        });
    }
}
