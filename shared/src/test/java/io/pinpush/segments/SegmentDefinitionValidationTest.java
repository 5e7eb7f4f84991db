package io.pinpush.segments;

import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.assertThatNoException;

import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Definitions that could never be evaluated are refused by the request records themselves. */
class SegmentDefinitionValidationTest {

    private static WriteSegmentRequest read(String dimensions) {
        return Json.read("{\"Dimensions\": " + dimensions + "}", WriteSegmentRequest.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Attributes\": {\"d\": {\"AttributeType\": \"BETWEEN\", \"Values\": [\"2026-01-01T00:00:00Z\"]}}}",
            "{\"Attributes\": {\"d\": {\"AttributeType\": \"BETWEEN\", \"Values\": [\"2026-02-01T00:00:00Z\", \"2026-01-01T00:00:00Z\"]}}}",
            "{\"Attributes\": {\"d\": {\"AttributeType\": \"BEFORE\", \"Values\": [\"yesterday\"]}}}",
            "{\"Attributes\": {\"d\": {\"AttributeType\": \"INCLUSIVE\", \"Values\": []}}}",
            "{\"Location\": {\"GPSPoint\": {\"RangeInKilometers\": 5}}}",
            "{\"Location\": {\"GPSPoint\": {\"Coordinates\": {\"Latitude\": 91, \"Longitude\": 0}}}}",
            "{\"Metrics\": {\"m\": {\"ComparisonOperator\": \"ABOUT\", \"Value\": 1}}}",
            "{\"Metrics\": {\"m\": {\"ComparisonOperator\": \"EQUAL\"}}}",
            "{\"Behavior\": {\"Recency\": {\"Duration\": \"DAY_7\"}}}",
    })
    void invalidDefinitionsAreBadRequests(String dimensions) {
        assertThatThrownBy(() -> read(dimensions)).hasRootCauseInstanceOf(ApiError.class);
    }

    @Test
    void aValidDefinitionIsAccepted() {
        assertThatNoException().isThrownBy(() -> read("{\"Attributes\": {\"d\": {\"AttributeType\": \"BETWEEN\","
                + " \"Values\": [\"2026-01-01T00:00:00Z\", \"2026-02-01\"]}}}"));
    }
}
