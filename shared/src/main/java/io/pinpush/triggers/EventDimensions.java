package io.pinpush.triggers;

import io.pinpush.segments.AttributeDimension;
import io.pinpush.segments.MetricDimension;
import io.pinpush.segments.SetDimension;
import java.util.Map;

/**
 * Pinpoint's EventDimensions: which events start an event-triggered campaign. Every dimension given must hold:
 * the event's type is in (INCLUSIVE) or not in (EXCLUSIVE) {@code eventType}'s values, each named attribute and
 * each named metric passes its dimension. The dimensions are the segments' own, evaluated the same way.
 */
public record EventDimensions(Map<String, AttributeDimension> attributes, SetDimension eventType,
                              Map<String, MetricDimension> metrics) {

    public EventDimensions {
        attributes = attributes == null ? Map.of() : Map.copyOf(attributes);
        metrics = metrics == null ? Map.of() : Map.copyOf(metrics);
    }
}
