package io.pinpush.triggers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import io.pinpush.events.PinpointEvent;
import io.pinpush.segments.AttributeDimension;
import io.pinpush.segments.AttributeDimension.AttributeType;
import io.pinpush.segments.MetricDimension;
import io.pinpush.segments.SetDimension;
import io.pinpush.segments.SetDimension.DimensionType;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class EventFilterMatcherTest {

    static PinpointEvent event(String type, Map<String, String> attributes, Map<String, Double> metrics) {
        return new PinpointEvent(type, 0, 0, "3.0", PinpointEvent.Application.of("app"),
                new PinpointEvent.Client("endpoint-1"), PinpointEvent.Device.UNKNOWN, PinpointEvent.Session.NONE,
                attributes, metrics, null, "000000000000");
    }

    private static CampaignEventFilter endpointFilter(EventDimensions dimensions) {
        return new CampaignEventFilter(dimensions, CampaignEventFilter.FilterType.ENDPOINT);
    }

    private static CampaignEventFilter eventType(DimensionType type, String... values) {
        return endpointFilter(new EventDimensions(null, new SetDimension(type, List.of(values)), null));
    }

    @Test
    void inclusiveEventTypeMatchesListedTypesOnly() {
        CampaignEventFilter filter = eventType(DimensionType.INCLUSIVE, "cart.abandoned", "price.dropped");
        assertThat(EventFilterMatcher.matches(filter, event("cart.abandoned", null, null))).isTrue();
        assertThat(EventFilterMatcher.matches(filter, event("price.dropped", null, null))).isTrue();
        assertThat(EventFilterMatcher.matches(filter, event("cart.checkout", null, null))).isFalse();
    }

    @Test
    void exclusiveEventTypeMatchesEveryOtherType() {
        CampaignEventFilter filter = eventType(DimensionType.EXCLUSIVE, "cart.checkout");
        assertThat(EventFilterMatcher.matches(filter, event("cart.abandoned", null, null))).isTrue();
        assertThat(EventFilterMatcher.matches(filter, event("cart.checkout", null, null))).isFalse();
    }

    @Test
    void endpointFiltersMatchAppEventsAndSystemFiltersMatchPinpushsOwnEvents() {
        SetDimension sends = new SetDimension(DimensionType.INCLUSIVE, List.of("_campaign.send", "_session.start"));
        CampaignEventFilter system = new CampaignEventFilter(new EventDimensions(null, sends, null),
                CampaignEventFilter.FilterType.SYSTEM);
        CampaignEventFilter endpoint = endpointFilter(new EventDimensions(null, sends, null));

        assertThat(EventFilterMatcher.matches(system, event("_campaign.send", null, null))).isTrue();
        assertThat(EventFilterMatcher.matches(endpoint, event("_campaign.send", null, null))).isFalse();
        // _session.start is reported by the app's SDK through PutEvents: an endpoint event.
        assertThat(EventFilterMatcher.matches(endpoint, event("_session.start", null, null))).isTrue();
        assertThat(EventFilterMatcher.matches(system, event("_session.start", null, null))).isFalse();
    }

    @Test
    void noEventTypeDimensionMatchesAnyTypeOfItsFilterType() {
        CampaignEventFilter filter = endpointFilter(new EventDimensions(null, null, null));
        assertThat(EventFilterMatcher.matches(filter, event("anything", null, null))).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource(delimiter = '|', value = {
            "INCLUSIVE   | shoes;hats                                   | shoes                    | true",
            "INCLUSIVE   | shoes;hats                                   | socks                    | false",
            "EXCLUSIVE   | shoes                                        | socks                    | true",
            "EXCLUSIVE   | shoes                                        | shoes                    | false",
            "CONTAINS    | shoe                                         | running-shoes            | true",
            "CONTAINS    | shoe                                         | hat                      | false",
            "BEFORE      | 2026-06-01T00:00:00Z                         | 2026-05-31T23:00:00Z     | true",
            "BEFORE      | 2026-06-01T00:00:00Z                         | 2026-06-01T01:00:00Z     | false",
            "AFTER       | 2026-06-01T00:00:00Z                         | 2026-06-02T00:00:00Z     | true",
            "AFTER       | 2026-06-01T00:00:00Z                         | 2026-05-01T00:00:00Z     | false",
            "ON          | 2026-06-01T00:00:00Z                         | 2026-06-01T18:30:00Z     | true",
            "ON          | 2026-06-01T00:00:00Z                         | 2026-06-02T00:30:00Z     | false",
            "BETWEEN     | 2026-06-01T00:00:00Z;2026-06-30T00:00:00Z    | 2026-06-15T00:00:00Z     | true",
            "BETWEEN     | 2026-06-01T00:00:00Z;2026-06-30T00:00:00Z    | 2026-07-15T00:00:00Z     | false",
            "NOT_BETWEEN | 2026-06-01T00:00:00Z;2026-06-30T00:00:00Z    | 2026-07-15T00:00:00Z     | true",
            "NOT_BETWEEN | 2026-06-01T00:00:00Z;2026-06-30T00:00:00Z    | 2026-06-15T00:00:00Z     | false",
    })
    void attributeDimensionsTestTheEventsAttribute(AttributeType type, String values, String actual, boolean matches) {
        CampaignEventFilter filter = endpointFilter(new EventDimensions(
                Map.of("category", new AttributeDimension(type, List.of(values.split(";")))), null, null));
        assertThat(EventFilterMatcher.matches(filter, event("cart.abandoned", Map.of("category", actual), null)))
                .isEqualTo(matches);
    }

    @Test
    void anEventWithoutTheAttributeFailsInclusiveAndPassesExclusive() {
        PinpointEvent bare = event("cart.abandoned", null, null);
        assertThat(EventFilterMatcher.matches(endpointFilter(new EventDimensions(Map.of("category",
                new AttributeDimension(AttributeType.INCLUSIVE, List.of("shoes"))), null, null)), bare)).isFalse();
        assertThat(EventFilterMatcher.matches(endpointFilter(new EventDimensions(Map.of("category",
                new AttributeDimension(AttributeType.EXCLUSIVE, List.of("shoes"))), null, null)), bare)).isTrue();
    }

    @ParameterizedTest(name = "{0} {1} vs {2} -> {3}")
    @CsvSource({
            "GREATER_THAN, 100, 100.5, true", "GREATER_THAN, 100, 100, false",
            "LESS_THAN, 100, 99, true", "LESS_THAN, 100, 100, false",
            "GREATER_THAN_OR_EQUAL, 100, 100, true", "GREATER_THAN_OR_EQUAL, 100, 99.9, false",
            "LESS_THAN_OR_EQUAL, 100, 100, true", "LESS_THAN_OR_EQUAL, 100, 100.1, false",
            "EQUAL, 100, 100, true", "EQUAL, 100, 101, false",
    })
    void metricDimensionsCompareTheEventsMetric(String operator, double value, double actual, boolean matches) {
        CampaignEventFilter filter = endpointFilter(new EventDimensions(null, null,
                Map.of("cart_value", new MetricDimension(operator, value))));
        assertThat(EventFilterMatcher.matches(filter, event("cart.abandoned", null, Map.of("cart_value", actual))))
                .isEqualTo(matches);
        assertThat(EventFilterMatcher.matches(filter, event("cart.abandoned", null, null)))
                .as("an event without the metric").isFalse();
    }

    @Test
    void everyDimensionMustHold() {
        CampaignEventFilter filter = endpointFilter(new EventDimensions(
                Map.of("category", new AttributeDimension(AttributeType.INCLUSIVE, List.of("shoes"))),
                new SetDimension(DimensionType.INCLUSIVE, List.of("cart.abandoned")),
                Map.of("cart_value", new MetricDimension("GREATER_THAN", 50.0))));
        assertThat(EventFilterMatcher.matches(filter,
                event("cart.abandoned", Map.of("category", "shoes"), Map.of("cart_value", 80.0)))).isTrue();
        assertThat(EventFilterMatcher.matches(filter,
                event("cart.abandoned", Map.of("category", "shoes"), Map.of("cart_value", 20.0)))).isFalse();
        assertThat(EventFilterMatcher.matches(filter,
                event("cart.abandoned", Map.of("category", "hats"), Map.of("cart_value", 80.0)))).isFalse();
        assertThat(EventFilterMatcher.matches(filter,
                event("price.dropped", Map.of("category", "shoes"), Map.of("cart_value", 80.0)))).isFalse();
    }

    @Test
    void aFilterNeedsDimensionsAndAFilterType() {
        assertThatThrownBy(() -> new CampaignEventFilter(null, CampaignEventFilter.FilterType.ENDPOINT))
                .isInstanceOf(ApiError.class).hasMessageContaining("Dimensions");
        assertThatThrownBy(() -> new CampaignEventFilter(new EventDimensions(null, null, null), null))
                .isInstanceOf(ApiError.class).hasMessageContaining("FilterType");
    }

    @Test
    void aFilterReadsFromPinpointsJson() {
        CampaignEventFilter filter = io.pinpush.api.Json.read("""
                {"FilterType":"ENDPOINT","Dimensions":{"EventType":{"DimensionType":"INCLUSIVE","Values":["cart.abandoned"]},
                 "Attributes":{"category":{"AttributeType":"INCLUSIVE","Values":["shoes"]}},
                 "Metrics":{"cart_value":{"ComparisonOperator":"GREATER_THAN","Value":50}}}}""", CampaignEventFilter.class);
        assertThat(EventFilterMatcher.matches(filter,
                event("cart.abandoned", Map.of("category", "shoes"), Map.of("cart_value", 80.0)))).isTrue();
    }
}
