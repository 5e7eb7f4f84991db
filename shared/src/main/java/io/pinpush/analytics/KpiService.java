package io.pinpush.analytics;

import io.pinpush.api.ApiError;
import io.pinpush.apps.AppService;
import io.pinpush.messaging.DeliveryStatus;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.EnumMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * GetApplicationDateRangeKpi for the push KPIs Pinpush keeps (see the README): counts and rates from
 * {@link KpiCounters}, distinct recipients from {@link UniqueRecipients}. Both are kept per UTC day, so a range
 * covers every whole day it touches. Date ranges follow Pinpoint's rules: at most {@link #MAX_RANGE}, starting
 * less than {@link KpiCounters#RETENTION} ago, the preceding {@link #MAX_RANGE} when left out.
 */
public final class KpiService {

    /** Pinpoint's longest range, and its default when start-time and end-time are left out. */
    static final Duration MAX_RANGE = Duration.ofDays(31);
    static final String UNIQUE_DELIVERIES = "UniqueDeliveries";
    static final String UNIQUE_ENDPOINTS = "UniqueEndpoints";

    private final Map<String, Function<List<DailyCounts>, List<ResultRow>>> counted = Map.of(
            "successful-delivery-rate", KpiService::successfulDeliveryRate,
            "successful-delivery-rate-grouped-by-date", KpiService::successfulDeliveryRateByDate,
            "push-deliveries-grouped-by-status", KpiService::deliveriesByStatus,
            "push-deliveries-grouped-by-date", KpiService::deliveriesByDate);

    private final Map<String, Function<List<UniqueRecipients.Day>, List<ResultRow>>> distinct = Map.of(
            "unique-deliveries", days -> distinctTotal(days, UniqueRecipients.Day::delivered, UNIQUE_DELIVERIES),
            "unique-deliveries-grouped-by-date", days -> distinctByDate(days, UniqueRecipients.Day::delivered, UNIQUE_DELIVERIES),
            "unique-endpoints", days -> distinctTotal(days, UniqueRecipients.Day::reached, UNIQUE_ENDPOINTS),
            "unique-endpoints-grouped-by-date", days -> distinctByDate(days, UniqueRecipients.Day::reached, UNIQUE_ENDPOINTS));

    private final AppService apps;
    private final KpiCounters counters;
    private final UniqueRecipients recipients;
    /** The app KPIs grouped by campaign are answered from the campaigns' own counters. */
    private final CampaignKpiService campaignKpis;
    private final Clock clock;

    public KpiService(AppService apps, KpiCounters counters, UniqueRecipients recipients, CampaignKpiService campaignKpis,
                      Clock clock) {
        this.apps = apps;
        this.counters = counters;
        this.recipients = recipients;
        this.campaignKpis = campaignKpis;
        this.clock = clock;
    }

    public ApplicationDateRangeKpiResponse dateRangeKpi(String appId, String kpiName, Optional<String> startTime,
                                                        Optional<String> endTime) {
        boolean groupedByCampaign = CampaignKpiService.APP_KPIS.contains(kpiName);
        if (!counted.containsKey(kpiName) && !distinct.containsKey(kpiName) && !groupedByCampaign) {
            throw ApiError.badRequest("Unsupported KPI " + kpiName + "; supported: " + Stream.of(counted.keySet(),
                    distinct.keySet(), CampaignKpiService.APP_KPIS).flatMap(Set::stream).sorted().toList());
        }
        Range range = Range.of(startTime, endTime, clock.instant());
        Instant start = range.start();
        Instant end = range.end();
        apps.require(appId);
        List<ResultRow> rows = groupedByCampaign ? campaignKpis.byCampaign(appId, kpiName, range)
                : counted.containsKey(kpiName) ? counted.get(kpiName).apply(counters.days(appId, day(start), day(end)))
                : distinct.get(kpiName).apply(recipients.days(appId, day(start), day(end)));
        // The range as asked (or defaulted), at its own precision, as Pinpoint echoes it: "2019-07-26T23:59:59Z".
        return new ApplicationDateRangeKpiResponse(appId, end.toString(), kpiName,
                new BaseKpiResult(rows), null, start.toString());
    }

    private static List<ResultRow> successfulDeliveryRate(List<DailyCounts> days) {
        long total = days.stream().mapToLong(DailyCounts::total).sum();
        long successful = days.stream().mapToLong(d -> d.of(DeliveryStatus.SUCCESSFUL)).sum();
        return total == 0 ? List.of()
                : List.of(new ResultRow(List.of(), List.of(rate(successful, total))));
    }

    private static List<ResultRow> successfulDeliveryRateByDate(List<DailyCounts> days) {
        return days.stream().filter(d -> d.total() > 0)
                .map(d -> new ResultRow(List.of(date(d.date())), List.of(rate(d.of(DeliveryStatus.SUCCESSFUL), d.total()))))
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
                .map(d -> new ResultRow(List.of(date(d.date())), List.of(ResultRowValue.ofLong("Count", d.total()))))
                .toList();
    }

    /** One row: the recipients of the whole range, each counted once however many days it appears on. */
    private static List<ResultRow> distinctTotal(List<UniqueRecipients.Day> days,
                                                 Function<UniqueRecipients.Day, Set<String>> which, String key) {
        Set<String> union = new HashSet<>();
        days.forEach(d -> union.addAll(which.apply(d)));
        return List.of(new ResultRow(List.of(), List.of(ResultRowValue.ofDouble(key, union.size()))));
    }

    private static List<ResultRow> distinctByDate(List<UniqueRecipients.Day> days,
                                                  Function<UniqueRecipients.Day, Set<String>> which, String key) {
        return days.stream().filter(d -> !which.apply(d).isEmpty())
                .map(d -> new ResultRow(List.of(date(d.date())), List.of(ResultRowValue.ofDouble(key, which.apply(d).size()))))
                .toList();
    }

    static ResultRowValue date(String date) {
        return ResultRowValue.ofString("Date", date);
    }

    static ResultRowValue rate(long successful, long total) {
        return ResultRowValue.ofDouble("SuccessfulDeliveryRate", (double) successful / total);
    }

    /** A KPI query's date range, checked by Pinpoint's rules; shared with the campaign KPIs. */
    record Range(Instant start, Instant end) {

        static Range of(Optional<String> startTime, Optional<String> endTime, Instant now) {
            Instant end = endTime.map(t -> instant("end-time", t)).orElse(now);
            Instant start = startTime.map(t -> instant("start-time", t)).orElse(end.minus(MAX_RANGE));
            if (start.isAfter(end)) {
                throw ApiError.badRequest("start-time must not be after end-time");
            }
            if (Duration.between(start, end).compareTo(MAX_RANGE) > 0) {
                throw ApiError.badRequest("The date range must not exceed " + MAX_RANGE.toDays() + " days");
            }
            if (start.isBefore(now.minus(KpiCounters.RETENTION))) {
                throw ApiError.badRequest("start-time must be fewer than " + KpiCounters.RETENTION.toDays()
                        + " days before the current day");
            }
            return new Range(start, end);
        }

        LocalDate firstDay() {
            return day(start);
        }

        LocalDate lastDay() {
            return day(end);
        }
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
