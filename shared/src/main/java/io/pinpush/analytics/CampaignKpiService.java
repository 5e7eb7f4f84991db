package io.pinpush.analytics;

import io.pinpush.api.ApiError;
import io.pinpush.messaging.DeliveryStatus;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.BiConsumer;
import java.util.function.Function;
import java.util.stream.Stream;

/**
 * GetCampaignDateRangeKpi for the push metrics Pinpoint defines for one campaign, answered from
 * {@link CampaignKpiCounters} (what the campaign's deliveries actually ended as). Date ranges follow the app KPIs'
 * rules ({@link KpiService}); a range covers every whole UTC day it touches. Runs are grouped by their activity id
 * ({@code CampaignActivityId}).
 */
public final class CampaignKpiService {

    /** Checks the campaign exists in the app (NotFound otherwise). */
    @FunctionalInterface
    public interface CampaignCheck {
        void require(String appId, String campaignId);
    }

    static final String ACTIVITY = "CampaignActivityId";
    static final String CAMPAIGN = "CampaignId";

    /**
     * The app KPIs Pinpoint groups by campaign (GetApplicationDateRangeKpi), each a value of one campaign's totals
     * {successful, all outcomes}; {@code unique-deliveries-grouped-by-campaign} is answered from the recipients.
     */
    private static final Map<String, Function<long[], ResultRowValue>> COUNTED_BY_CAMPAIGN = Map.of(
            "successful-delivery-rate-grouped-by-campaign", t -> KpiService.rate(t[0], t[1]),
            "successful-deliveries-grouped-by-campaign", t -> ResultRowValue.ofLong("SuccessfulDeliveries", t[0]),
            "attempted-deliveries-grouped-by-campaign", t -> ResultRowValue.ofLong("AttemptedDeliveries", t[1]));
    static final String UNIQUE_BY_CAMPAIGN = "unique-deliveries-grouped-by-campaign";

    private record Data(List<CampaignKpiCounters.Counts> counts, List<CampaignKpiCounters.Recipient> recipients) {
    }

    private final Map<String, Function<Data, List<ResultRow>>> kpis = new LinkedHashMap<>();
    private final CampaignCheck campaigns;
    private final CampaignKpiCounters counters;
    private final Clock clock;

    public CampaignKpiService(CampaignCheck campaigns, CampaignKpiCounters counters, Clock clock) {
        this.campaigns = campaigns;
        this.counters = counters;
        this.clock = clock;
        kpis.put("successful-delivery-rate", d -> rate(d.counts(), c -> "all").values().stream()
                .filter(t -> t[1] > 0).map(t -> new ResultRow(List.of(), List.of(KpiService.rate(t[0], t[1])))).toList());
        kpis.put("successful-delivery-rate-grouped-by-date", d -> grouped(rate(d.counts(),
                CampaignKpiCounters.Counts::date), "Date", t -> KpiService.rate(t[0], t[1])));
        kpis.put("successful-delivery-rate-grouped-by-campaign-activity", d -> grouped(rate(d.counts(),
                CampaignKpiCounters.Counts::activityId), ACTIVITY, t -> KpiService.rate(t[0], t[1])));
        kpis.put("successful-deliveries-grouped-by-campaign-activity", d -> grouped(rate(d.counts(),
                CampaignKpiCounters.Counts::activityId), ACTIVITY, t -> ResultRowValue.ofLong("SuccessfulDeliveries", t[0])));
        kpis.put("attempted-deliveries-grouped-by-campaign-activity", d -> grouped(rate(d.counts(),
                CampaignKpiCounters.Counts::activityId), ACTIVITY, t -> ResultRowValue.ofLong("AttemptedDeliveries", t[1])));
        kpis.put("unique-deliveries", d -> List.of(new ResultRow(List.of(), List.of(ResultRowValue.ofDouble(
                KpiService.UNIQUE_DELIVERIES, delivered(d.recipients(), r -> "all").getOrDefault("all", Set.of()).size())))));
        kpis.put("unique-deliveries-grouped-by-date", d -> distinct(delivered(d.recipients(),
                CampaignKpiCounters.Recipient::date), "Date"));
        kpis.put("unique-deliveries-grouped-by-campaign-activity", d -> distinct(delivered(d.recipients(),
                CampaignKpiCounters.Recipient::activityId), ACTIVITY));
    }

    public CampaignDateRangeKpiResponse dateRangeKpi(String appId, String campaignId, String kpiName,
                                                     Optional<String> startTime, Optional<String> endTime) {
        Function<Data, List<ResultRow>> kpi = kpis.get(kpiName);
        if (kpi == null) {
            throw ApiError.badRequest("Unsupported campaign KPI " + kpiName + "; supported: "
                    + kpis.keySet().stream().sorted().toList());
        }
        KpiService.Range range = KpiService.Range.of(startTime, endTime, clock.instant());
        campaigns.require(appId, campaignId);
        boolean distinctCount = kpiName.startsWith("unique-");
        Data data = new Data(
                distinctCount ? List.of() : counters.counts(appId, campaignId, range.firstDay(), range.lastDay()),
                distinctCount ? counters.recipients(appId, campaignId, range.firstDay(), range.lastDay()) : List.of());
        return new CampaignDateRangeKpiResponse(appId, campaignId, range.end().toString(), kpiName,
                new BaseKpiResult(kpi.apply(data)), null, range.start().toString());
    }

    /** The app KPIs grouped by campaign, which {@link KpiService} answers through {@link #byCampaign}. */
    static final Set<String> APP_KPIS = Collections.unmodifiableSet(new TreeSet<>(
            Stream.concat(COUNTED_BY_CAMPAIGN.keySet().stream(), Stream.of(UNIQUE_BY_CAMPAIGN)).toList()));

    /**
     * An app KPI grouped by campaign: one row per campaign of the app with data in the range ({@code GroupedBys}
     * {@code CampaignId}), deleted campaigns included, as their deliveries happened. A campaign without outcomes (or,
     * for the unique count, without a delivered endpoint) in the range has no row, as Pinpoint returns none for a
     * null value; with none at all, Rows is empty.
     */
    List<ResultRow> byCampaign(String appId, String kpiName, KpiService.Range range) { // kpiName: one of APP_KPIS
        List<ResultRow> rows = new ArrayList<>();
        for (String campaignId : counters.campaignsOf(appId)) {
            // One Query of the campaign's counters first: a campaign without outcomes in the range (most of an old
            // app's) costs no more, and its recipient markers are read only when it delivered something.
            long[] totals = rate(counters.counts(appId, campaignId, range.firstDay(), range.lastDay()), c -> "all")
                    .getOrDefault("all", new long[2]);
            Optional<ResultRowValue> value;
            if (totals[1] == 0 || kpiName.equals(UNIQUE_BY_CAMPAIGN) && totals[0] == 0) {
                value = Optional.empty();
            } else if (kpiName.equals(UNIQUE_BY_CAMPAIGN)) {
                int delivered = delivered(counters.recipients(appId, campaignId, range.firstDay(), range.lastDay()),
                        r -> "all").getOrDefault("all", Set.of()).size();
                value = delivered == 0 ? Optional.empty()
                        : Optional.of(ResultRowValue.ofDouble(KpiService.UNIQUE_DELIVERIES, delivered));
            } else {
                value = Optional.of(COUNTED_BY_CAMPAIGN.get(kpiName).apply(totals));
            }
            value.ifPresent(v -> rows.add(new ResultRow(List.of(ResultRowValue.ofString(CAMPAIGN, campaignId)), List.of(v))));
        }
        return rows;
    }

    /** Per group: {successful, all outcomes}. */
    private static Map<String, long[]> rate(List<CampaignKpiCounters.Counts> counts,
                                            Function<CampaignKpiCounters.Counts, String> group) {
        Map<String, long[]> totals = new TreeMap<>();
        counts.forEach(c -> {
            long[] t = totals.computeIfAbsent(group.apply(c), k -> new long[2]);
            t[0] += c.of(DeliveryStatus.SUCCESSFUL);
            t[1] += c.total();
        });
        return totals;
    }

    private static List<ResultRow> grouped(Map<String, long[]> totals, String key, Function<long[], ResultRowValue> value) {
        return totals.entrySet().stream().filter(e -> e.getValue()[1] > 0)
                .map(e -> new ResultRow(List.of(ResultRowValue.ofString(key, e.getKey())), List.of(value.apply(e.getValue()))))
                .toList();
    }

    /** Per group: the distinct recipients with a SUCCESSFUL outcome. */
    private static Map<String, Set<String>> delivered(List<CampaignKpiCounters.Recipient> recipients,
                                                      Function<CampaignKpiCounters.Recipient, String> group) {
        Map<String, Set<String>> byGroup = new TreeMap<>();
        BiConsumer<String, String> add = (g, r) -> byGroup.computeIfAbsent(g, k -> new HashSet<>()).add(r);
        recipients.stream().filter(CampaignKpiCounters.Recipient::delivered).forEach(r -> add.accept(group.apply(r), r.recipient()));
        return byGroup;
    }

    private static List<ResultRow> distinct(Map<String, Set<String>> byGroup, String key) {
        return byGroup.entrySet().stream().map(e -> new ResultRow(List.of(ResultRowValue.ofString(key, e.getKey())),
                List.of(ResultRowValue.ofDouble(KpiService.UNIQUE_DELIVERIES, e.getValue().size())))).toList();
    }
}
