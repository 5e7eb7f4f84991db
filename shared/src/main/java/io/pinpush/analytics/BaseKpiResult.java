package io.pinpush.analytics;

import java.util.List;

/** Pinpoint's BaseKpiResult. */
public record BaseKpiResult(List<ResultRow> rows) {
}
