package io.pinpush.segments;

import java.util.Map;

/** Pinpoint's SegmentDimensions: every criterion present must hold (they are combined with AND). */
public record SegmentDimensions(Map<String, AttributeDimension> attributes, SegmentBehaviors behavior,
                                SegmentDemographics demographic, SegmentLocation location,
                                Map<String, MetricDimension> metrics, Map<String, AttributeDimension> userAttributes) {

    public SegmentDimensions {
        Validation.requireKeys(attributes, "Attributes");
        Validation.requireKeys(metrics, "Metrics");
        Validation.requireKeys(userAttributes, "UserAttributes");
    }
}
