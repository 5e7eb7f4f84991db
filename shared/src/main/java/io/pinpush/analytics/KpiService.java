package io.pinpush.analytics;

import io.pinpush.api.ApiError;
import io.pinpush.api.Timestamps;
import io.pinpush.apps.AppService;
import io.pinpush.messaging.DeliveryStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * GetApplicationDateRangeKpi for the push KPIs Pinpush keeps (see the README), computed from {@link KpiCounters}.
 * Counters are per UTC day, so a range covers every whole day it touches.
 */
public final class KpiService {

    /** Pinpoint's default range when start-time and end-time are left out. */
    static final Duration DEFAULT_RANGE = Duration.ofDays(7);

    private final Map<String, Function<List<DailyCounts>, List<ResultRow>>> kpis = Map.of(
            "successful-delivery-rate", KpiService::successfulDeliveryRate,
            "successful-delivery-rate-grouped-by-date", KpiService::successfulDeliveryRateByDate,
            "push-deliveries-grouped-by-status", KpiService::deliveriesByStatus,
            "push-deliveries-grouped-by-date", KpiService::deliveriesByDate);

    private final AppService apps;
    private final KpiCounters counters;
    private final Clock clock;

    public KpiService(AppService apps, KpiCounters counters, Clock clock) {
        this.apps = apps;
        this.counters = counters;
        this.clock = clock;
    }

    public ApplicationDateRangeKpiResponse dateRangeKpi(String appId, String kpiName, Optional<String> startTime,
                                                        Optional<String> endTime) {
        Function<List<DailyCounts>, List<ResultRow>> kpi = kpis.get(kpiName);
        if (kpi == null) {
            throw ApiError.badRequest("Unsupported KPI " + kpiName + "; supported: " + kpis.keySet().stream().sorted().toList());
        }
        Instant end = endTime.map(t -> instant("end-time", t)).orElse(clock.instant());
        Instant start = startTime.map(t -> instant("start-time", t)).orElse(end.minus(DEFAULT_RANGE));
        if (start.isAfter(end)) {
            throw ApiError.badRequest("start-time must not be after end-time");
        }
        if (Duration.between(start, end).compareTo(KpiCounters.RETENTION) > 0) {
            throw ApiError.badRequest("The date range must not exceed " + KpiCounters.RETENTION.toDays() + " days");
        }
        apps.require(appId);
        List<DailyCounts> days = counters.days(appId, day(start), day(end));
        return new ApplicationDateRangeKpiResponse(appId, Timestamps.format(end), kpiName,
                new BaseKpiResult(kpi.apply(days)), null, Timestamps.format(start));
    }

    private static List<ResultRow> successfulDeliveryRate(List<DailyCounts> days) {
        long total = days.stream().mapToLong(DailyCounts::total).sum();
        long successful = days.stream().mapToLong(d -> d.of(DeliveryStatus.SUCCESSFUL)).sum();
        return total == 0 ? List.of()
                : List.of(new ResultRow(List.of(), List.of(rate(successful, total))));
    }

    private static List<ResultRow> successfulDeliveryRateByDate(List<DailyCounts> days) {
        return days.stream().filter(d -> d.total() > 0)
                .map(d -> new ResultRow(List.of(ResultRowValue.ofString("Date", d.date())),
                        List.of(rate(d.of(DeliveryStatus.SUCCESSFUL), d.total()))))
                .toList();
    }

    private static List<ResultRow> deliveriesByStatus(List<DailyCounts> days) {
        Map<DeliveryStatus, Long> byStatus = new EnumMap<>(DeliveryStatus.class);
        days.forEach(d -> d.byStatus().forEach((status, count) -> byStatus.merge(status, count, Long::sum)));
        return byStatus.entrySet().stream()
                .map(e -> new ResultRow(List.of(ResultRowValue.ofString("DeliveryStatus", e.getKey().name())),
                        List.of(ResultRowValue.ofLong("Count", e.getValue()))))
                .toList();
    }

    private static List<ResultRow> deliveriesByDate(List<DailyCounts> days) {
        return days.stream()
                .map(d -> new ResultRow(List.of(ResultRowValue.ofString("Date", d.date())),
                        List.of(ResultRowValue.ofLong("Count", d.total()))))
                .toList();
    }

    private static ResultRowValue rate(long successful, long total) {
        return ResultRowValue.ofDouble("SuccessfulDeliveryRate", (double) successful / total);
    }

    private static Instant instant(String parameter, String value) {
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw ApiError.badRequest(parameter + " must be an ISO-8601 date and time, such as 2019-07-19T20:00:00Z");
        }
    }

    private static LocalDate day(Instant instant) {
        return instant.atZone(ZoneOffset.UTC).toLocalDate();
    }
}
