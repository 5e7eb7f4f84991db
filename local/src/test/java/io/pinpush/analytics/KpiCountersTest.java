package io.pinpush.analytics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import io.pinpush.channels.ChannelType;
import io.pinpush.local.LocalServer;
import io.pinpush.messaging.DeliveryOutcome;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.messaging.DeliveryTarget;
import io.pinpush.messaging.MessageResult;
import io.pinpush.testing.MutableClock;
import io.pinpush.testing.PinpushExtension;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.core.interceptor.SdkExecutionAttribute;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/**
 * The KPI store on DynamoDB Local, with outcomes of chosen days: tallies are written once per invocation (one
 * UpdateItem per app and day, markers in batches), and distinct counts are unions over the days of a range.
 */
@ExtendWith(PinpushExtension.class)
class KpiCountersTest {

    private static final Instant NOW = Instant.parse("2026-11-23T15:00:00Z");

    private final MutableClock clock = new MutableClock(NOW);
    private final Map<String, AtomicInteger> calls = new ConcurrentHashMap<>();
    private final AtomicBoolean dynamoDbDown = new AtomicBoolean();
    private final DynamoDbClient dynamoDb;
    private final UniqueRecipients recipients;
    private final KpiCounters counters;
    private final KpiService kpis;
    private final String app;

    KpiCountersTest(LocalServer server, PinpointClient pinpoint) {
        this.dynamoDb = server.pinpush().aws().configure(DynamoDbClient.builder(), "dynamodb")
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (dynamoDbDown.get()) {
                            throw new IllegalStateException("DynamoDB is unreachable (test)");
                        }
                        calls.computeIfAbsent(attributes.getAttribute(SdkExecutionAttribute.OPERATION_NAME),
                                k -> new AtomicInteger()).incrementAndGet();
                    }
                }))
                .build();
        this.recipients = new UniqueRecipients(dynamoDb, server.pinpush().config(), clock);
        this.counters = new KpiCounters(dynamoDb, server.pinpush().config(), recipients, clock);
        CampaignKpiService campaignKpis = new CampaignKpiService((appId, campaignId) -> { },
                new CampaignKpiCounters(dynamoDb, server.pinpush().config(), clock), clock);
        this.kpis = new KpiService(server.pinpush().apps(), counters, recipients, campaignKpis, clock);
        this.app = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("kpi-counters")))
                .applicationResponse().id();
    }

    @AfterEach
    void close() {
        dynamoDb.close();
    }

    @Test
    void nothingIsWrittenUntilTheFlushWhichWritesOneUpdatePerAppAndDay() {
        for (int i = 0; i < 30; i++) {
            counters.onOutcome(outcome(endpoint("e" + i), DeliveryStatus.SUCCESSFUL, "2026-11-22T10:00:00Z"));
        }
        counters.onOutcome(outcome(endpoint("e0"), DeliveryStatus.PERMANENT_FAILURE, "2026-11-22T11:00:00Z"));
        counters.onOutcome(outcome(endpoint("e0"), DeliveryStatus.OPT_OUT, "2026-11-23T09:00:00Z"));
        assertThat(calls).isEmpty();

        counters.flush();

        assertThat(calls.get("UpdateItem")).hasValue(2);
        assertThat(calls.get("BatchWriteItem")).as("32 markers, 25 to a call").hasValue(2);
        assertThat(rows("push-deliveries-grouped-by-status")).isEqualTo(Map.of(
                "SUCCESSFUL", "30", "PERMANENT_FAILURE", "1", "OPT_OUT", "1"));
        assertThat(rows("push-deliveries-grouped-by-date")).isEqualTo(Map.of("2026-11-22", "31", "2026-11-23", "1"));

        calls.clear();
        counters.flush();
        assertThat(calls).as("an empty flush writes nothing").isEmpty();
    }

    @Test
    void aRecipientOfSeveralDaysIsCountedOnceInTheRangeAndOnceOnEachDay() {
        counters.onOutcome(outcome(endpoint("phone"), DeliveryStatus.SUCCESSFUL, "2026-11-20T08:00:00Z"));
        counters.onOutcome(outcome(DeliveryTarget.address("token-1", ChannelType.GCM), DeliveryStatus.SUCCESSFUL, "2026-11-20T09:00:00Z"));
        counters.onOutcome(outcome(endpoint("phone"), DeliveryStatus.SUCCESSFUL, "2026-11-20T10:00:00Z"));
        counters.flush();
        counters.onOutcome(outcome(endpoint("phone"), DeliveryStatus.SUCCESSFUL, "2026-11-21T08:00:00Z"));
        counters.onOutcome(outcome(endpoint("tablet"), DeliveryStatus.PERMANENT_FAILURE, "2026-11-21T08:00:00Z"));
        counters.onOutcome(outcome(DeliveryTarget.address("token-1", ChannelType.GCM), DeliveryStatus.THROTTLED, "2026-11-21T09:00:00Z"));
        counters.flush();

        assertThat(rows("unique-deliveries")).isEqualTo(Map.of("", "2.0"));
        assertThat(rows("unique-deliveries-grouped-by-date")).isEqualTo(Map.of("2026-11-20", "2.0", "2026-11-21", "1.0"));
        assertThat(rows("unique-endpoints")).isEqualTo(Map.of("", "3.0"));
        assertThat(rows("unique-endpoints-grouped-by-date")).isEqualTo(Map.of("2026-11-20", "2.0", "2026-11-21", "3.0"));
        ApplicationDateRangeKpiResponse secondDay = kpis.dateRangeKpi(app, "unique-deliveries",
                Optional.of("2026-11-21T00:00:00Z"), Optional.of("2026-11-21T23:59:59Z"));
        assertThat(secondDay.kpiResult().rows().get(0).values().get(0).value()).isEqualTo("1.0");
        assertThat(secondDay.startTime()).isEqualTo("2026-11-21T00:00:00Z");
        assertThat(secondDay.endTime()).isEqualTo("2026-11-21T23:59:59Z");
    }

    @Test
    void aFlushThatCannotWriteKeepsItsTallyForTheNextOne() {
        counters.onOutcome(outcome(endpoint("phone"), DeliveryStatus.SUCCESSFUL, "2026-11-23T08:00:00Z"));
        dynamoDbDown.set(true);
        counters.flush();
        dynamoDbDown.set(false);
        counters.onOutcome(outcome(endpoint("tablet"), DeliveryStatus.SUCCESSFUL, "2026-11-23T09:00:00Z"));

        counters.flush();

        assertThat(rows("push-deliveries-grouped-by-date")).isEqualTo(Map.of("2026-11-23", "2"));
        assertThat(rows("unique-deliveries")).isEqualTo(Map.of("", "2.0"));
    }

    @Test
    void deletingTheAppDeletesItsCountersAndMarkers() {
        counters.onOutcome(outcome(endpoint("phone"), DeliveryStatus.SUCCESSFUL, "2026-11-23T08:00:00Z"));
        counters.onOutcome(outcome(endpoint("phone"), DeliveryStatus.SUCCESSFUL, "2026-09-01T08:00:00Z"));
        counters.flush();

        counters.deleteAllOf(app);

        assertThat(counters.days(app, java.time.LocalDate.parse("2026-08-01"), java.time.LocalDate.parse("2026-11-24"))).isEmpty();
        assertThat(recipients.days(app, java.time.LocalDate.parse("2026-08-20"), java.time.LocalDate.parse("2026-11-24"))).isEmpty();
    }

    @Test
    void rangesFollowPinpointsRules() {
        assertThat(kpis.dateRangeKpi(app, "unique-endpoints", Optional.empty(), Optional.empty()).startTime())
                .as("the preceding 31 days by default").isEqualTo("2026-10-23T15:00:00Z");
        assertThatThrownBy(() -> kpis.dateRangeKpi(app, "unique-endpoints", Optional.of("2026-10-01T00:00:00Z"),
                Optional.of("2026-11-02T00:00:00Z"))).isInstanceOf(ApiError.class).hasMessageContaining("31 days");
        assertThatThrownBy(() -> kpis.dateRangeKpi(app, "unique-endpoints", Optional.of("2026-08-24T00:00:00Z"),
                Optional.of("2026-08-30T00:00:00Z"))).isInstanceOf(ApiError.class).hasMessageContaining("90 days");
    }

    /** Each row as group value ("" without grouping) → value. */
    private Map<String, String> rows(String kpiName) {
        ApplicationDateRangeKpiResponse response = kpis.dateRangeKpi(app, kpiName,
                Optional.of("2026-11-19T00:00:00Z"), Optional.of(NOW.toString()));
        Map<String, String> rows = new HashMap<>();
        for (ResultRow row : response.kpiResult().rows()) {
            List<ResultRowValue> groups = row.groupedBys();
            rows.put(groups.isEmpty() ? "" : groups.get(0).value(), row.values().get(0).value());
        }
        return rows;
    }

    private DeliveryOutcome outcome(DeliveryTarget target, DeliveryStatus status, String finishedAt) {
        return new DeliveryOutcome(app, "request-" + finishedAt, 0, target, null, MessageResult.of(status, 200, "test"),
                1, finishedAt);
    }

    private static DeliveryTarget endpoint(String id) {
        return new DeliveryTarget("token-" + id, ChannelType.APNS, id, null);
    }
}
