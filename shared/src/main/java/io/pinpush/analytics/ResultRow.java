package io.pinpush.analytics;

import java.util.List;

/** Pinpoint's ResultRow: the values of one group of a KPI result. */
public record ResultRow(List<ResultRowValue> groupedBys, List<ResultRowValue> values) {
}
