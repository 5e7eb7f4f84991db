package io.pinpush.messaging.endtoend;

import static io.pinpush.messaging.endtoend.PushStack.address;
import static io.pinpush.messaging.endtoend.PushStack.message;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.model.ApplicationDateRangeKpiResponse;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointSendConfiguration;
import software.amazon.awssdk.services.pinpoint.model.MessageResponse;
import software.amazon.awssdk.services.pinpoint.model.ResultRow;

/** GetApplicationDateRangeKpi through the real PinpointClient: the KPIs count exactly the outcomes sends produced. */
@ExtendWith(PushStack.PerClass.class)
class DeliveryKpiEndToEndTest {

    private static PushStack stack;

    @BeforeAll
    static void start(PushStack started) {
        stack = started;
    }

    @Test
    void theKpisEqualTheOutcomesOfTheAppsSends() {
        String app = stack.newApp();
        String optedOut = stack.apnsToken();
        stack.endpoint(app, "opted-out", optedOut, ChannelType.APNS, "ALL", null);
        MessageResponse first = stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(r -> r
                .addresses(Map.of(stack.apnsToken(), address(ChannelType.APNS), stack.apnsToken(), address(ChannelType.APNS),
                        "not-a-device-token", address(ChannelType.APNS)))
                .endpoints(Map.of("opted-out", EndpointSendConfiguration.builder().build()))
                .messageConfiguration(message()))).messageResponse();
        MessageResponse second = stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(r -> r
                .addresses(Map.of(PushStack.fcmToken(), address(ChannelType.GCM)))
                .messageConfiguration(message()))).messageResponse();

        Map<String, Long> expected = new HashMap<>();
        for (MessageResponse response : List.of(first, second)) {
            response.result().values().forEach(r -> expected.merge(r.deliveryStatusAsString(), 1L, Long::sum));
            if (response.endpointResult() != null) {
                response.endpointResult().values().forEach(r -> expected.merge(r.deliveryStatusAsString(), 1L, Long::sum));
            }
        }
        assertThat(expected).containsEntry("SUCCESSFUL", 3L).containsEntry("PERMANENT_FAILURE", 1L)
                .containsEntry("OPT_OUT", 1L);
        long total = expected.values().stream().mapToLong(Long::longValue).sum();

        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(byKey(kpi(app, "push-deliveries-grouped-by-status"), "DeliveryStatus", "Count"))
                        .isEqualTo(expected.entrySet().stream()
                                .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().toString()))));

        String today = Instant.now().atZone(ZoneOffset.UTC).toLocalDate().toString();
        assertThat(byKey(kpi(app, "push-deliveries-grouped-by-date"), "Date", "Count"))
                .isEqualTo(Map.of(today, Long.toString(total)));
        assertThat(kpi(app, "successful-delivery-rate").kpiResult().rows()).singleElement().satisfies(row -> {
            assertThat(row.groupedBys()).isEmpty();
            assertThat(row.values()).singleElement().satisfies(value -> {
                assertThat(value.key()).isEqualTo("SuccessfulDeliveryRate");
                assertThat(value.type()).isEqualTo("Double");
                assertThat(Double.parseDouble(value.value())).isEqualTo(3.0 / total);
            });
        });
        assertThat(byKey(kpi(app, "successful-delivery-rate-grouped-by-date"), "Date", "SuccessfulDeliveryRate"))
                .containsOnlyKeys(today);
    }

    @Test
    void uniqueKpisCountEachRecipientOnceHoweverOftenItWasSentTo() {
        String app = stack.newApp();
        String apnsToken = stack.apnsToken();
        String fcmToken = PushStack.fcmToken();
        stack.endpoint(app, "phone", stack.apnsToken(), ChannelType.APNS, "NONE", null);
        stack.endpoint(app, "tablet", PushStack.fcmToken(), ChannelType.GCM, "NONE", null);
        stack.endpoint(app, "opted-out", stack.apnsToken(), ChannelType.APNS, "ALL", null);
        Map<String, EndpointSendConfiguration> endpoints = Map.of("phone", EndpointSendConfiguration.builder().build(),
                "tablet", EndpointSendConfiguration.builder().build(), "opted-out", EndpointSendConfiguration.builder().build());
        List<MessageResponse> responses = List.of(
                stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(r -> r
                        .addresses(Map.of(apnsToken, address(ChannelType.APNS), "not-a-device-token", address(ChannelType.APNS)))
                        .endpoints(endpoints).messageConfiguration(message()))).messageResponse(),
                stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(r -> r
                        .addresses(Map.of(apnsToken, address(ChannelType.APNS), fcmToken, address(ChannelType.GCM)))
                        .endpoints(Map.of("phone", EndpointSendConfiguration.builder().build()))
                        .messageConfiguration(message()))).messageResponse());

        Set<String> delivered = new HashSet<>();
        Set<String> reached = new HashSet<>();
        long successfulOutcomes = 0;
        for (MessageResponse response : responses) {
            Map<String, String> statuses = new HashMap<>();
            response.result().forEach((address, r) -> statuses.put(address, r.deliveryStatusAsString()));
            response.endpointResult().forEach((endpoint, r) -> statuses.put(endpoint, r.deliveryStatusAsString()));
            for (var status : statuses.entrySet()) {
                reached.add(status.getKey());
                if ("SUCCESSFUL".equals(status.getValue())) {
                    delivered.add(status.getKey());
                    successfulOutcomes++;
                }
            }
        }
        assertThat(delivered).containsExactlyInAnyOrder("phone", "tablet", apnsToken, fcmToken);
        assertThat(reached).hasSize(6);
        assertThat(successfulOutcomes).isEqualTo(6);

        String today = Instant.now().atZone(ZoneOffset.UTC).toLocalDate().toString();
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(total(kpi(app, "unique-deliveries"), "UniqueDeliveries")).isEqualTo("4.0"));
        assertThat(byKey(kpi(app, "unique-deliveries-grouped-by-date"), "Date", "UniqueDeliveries"))
                .isEqualTo(Map.of(today, "4.0"));
        assertThat(total(kpi(app, "unique-endpoints"), "UniqueEndpoints")).isEqualTo("6.0");
        assertThat(byKey(kpi(app, "unique-endpoints-grouped-by-date"), "Date", "UniqueEndpoints"))
                .isEqualTo(Map.of(today, "6.0"));
        assertThat(total(kpi(stack.newApp(), "unique-deliveries"), "UniqueDeliveries")).isEqualTo("0.0");
    }

    @Test
    void anotherAppsOutcomesAndOtherDaysAreNotCounted() {
        String app = stack.newApp();
        String quiet = stack.newApp();
        stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(r -> r
                .addresses(Map.of(stack.apnsToken(), address(ChannelType.APNS))).messageConfiguration(message())));
        await().atMost(Duration.ofSeconds(10)).until(() -> !kpi(app, "push-deliveries-grouped-by-date").kpiResult().rows().isEmpty());

        assertThat(kpi(quiet, "push-deliveries-grouped-by-status").kpiResult().rows()).isEmpty();
        Instant lastWeek = Instant.now().minus(8, ChronoUnit.DAYS);
        ApplicationDateRangeKpiResponse earlier = stack.pinpoint.getApplicationDateRangeKpi(b -> b.applicationId(app)
                .kpiName("push-deliveries-grouped-by-date").startTime(lastWeek.minus(1, ChronoUnit.DAYS)).endTime(lastWeek))
                .applicationDateRangeKpiResponse();
        assertThat(earlier.kpiResult().rows()).isEmpty();
    }

    @Test
    void anUnknownKpiOrAnInvertedRangeIsABadRequest() {
        String app = stack.newApp();
        assertThatThrownBy(() -> kpi(app, "email-open-rate")).isInstanceOf(BadRequestException.class)
                .hasMessageContaining("successful-delivery-rate");
        assertThatThrownBy(() -> stack.pinpoint.getApplicationDateRangeKpi(b -> b.applicationId(app)
                .kpiName("successful-delivery-rate").startTime(Instant.now()).endTime(Instant.now().minusSeconds(3600))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("start-time");
        Instant now = Instant.now();
        assertThatThrownBy(() -> stack.pinpoint.getApplicationDateRangeKpi(b -> b.applicationId(app)
                .kpiName("unique-endpoints").startTime(now.minus(32, ChronoUnit.DAYS)).endTime(now)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("31 days");
        assertThatThrownBy(() -> stack.pinpoint.getApplicationDateRangeKpi(b -> b.applicationId(app)
                .kpiName("unique-deliveries").startTime(now.minus(91, ChronoUnit.DAYS))
                .endTime(now.minus(80, ChronoUnit.DAYS))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("90 days");
    }

    private static ApplicationDateRangeKpiResponse kpi(String app, String name) {
        return stack.pinpoint.getApplicationDateRangeKpi(b -> b.applicationId(app).kpiName(name))
                .applicationDateRangeKpiResponse();
    }

    /** The value of a KPI that answers one row without grouping. */
    private static String total(ApplicationDateRangeKpiResponse response, String valueKey) {
        assertThat(response.kpiResult().rows()).singleElement()
                .satisfies(row -> assertThat(row.groupedBys()).isEmpty());
        ResultRow row = response.kpiResult().rows().get(0);
        assertThat(row.values()).singleElement().satisfies(v -> {
            assertThat(v.key()).isEqualTo(valueKey);
            assertThat(v.type()).isEqualTo("Double");
        });
        return row.values().get(0).value();
    }

    private static Map<String, String> byKey(ApplicationDateRangeKpiResponse response, String groupKey, String valueKey) {
        Map<String, String> values = new HashMap<>();
        for (ResultRow row : response.kpiResult().rows()) {
            assertThat(row.groupedBys()).singleElement().satisfies(g -> assertThat(g.key()).isEqualTo(groupKey));
            assertThat(row.values()).singleElement().satisfies(v -> assertThat(v.key()).isEqualTo(valueKey));
            values.put(row.groupedBys().get(0).value(), row.values().get(0).value());
        }
        return values;
    }
}
