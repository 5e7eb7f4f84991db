package io.pinpush.messaging.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.model.AttributeDimension;
import software.amazon.awssdk.services.pinpoint.model.AttributeType;
import software.amazon.awssdk.services.pinpoint.model.CampaignDateRangeKpiResponse;
import software.amazon.awssdk.services.pinpoint.model.CampaignStatus;
import software.amazon.awssdk.services.pinpoint.model.DimensionType;
import software.amazon.awssdk.services.pinpoint.model.Event;
import software.amazon.awssdk.services.pinpoint.model.EventsBatch;
import software.amazon.awssdk.services.pinpoint.model.FilterType;
import software.amazon.awssdk.services.pinpoint.model.ResultRow;

/**
 * An event-triggered campaign end to end on the local server: created through PinpointClient (Frequency EVENT,
 * a segment, Limits), PutEvents through PinpointClient, the local trigger source and the real trigger function,
 * the runner's render-and-queue, the dispatcher and the FCM stand-in; then GetCampaignDateRangeKpi equals what the
 * stand-in received.
 */
@ExtendWith(PushStack.PerClass.class)
class TriggeredCampaignEndToEndTest {

    private static PushStack stack;

    @BeforeAll
    static void start(PushStack started) {
        stack = started;
    }

    /** PutEvents of one event of {@code type} from {@code endpointId} (a GCM device with the given tier). */
    static void putEvent(String app, String endpointId, String token, String tier, String type, String session) {
        Event event = Event.builder().eventType(type).timestamp(Instant.now().toString())
                .session(s -> s.id(session).startTimestamp(Instant.now().toString())).build();
        stack.pinpoint.putEvents(b -> b.applicationId(app).eventsRequest(r -> r.batchItem(Map.of(endpointId,
                EventsBatch.builder().endpoint(e -> e.address(token).channelType("GCM")
                                .attributes(Map.of("tier", List.of(tier))))
                        .events(Map.of(UUID.randomUUID().toString(), event)).build()))));
    }

    @Test
    void aMatchingEventPushesTheCampaignToThatEndpointWithinSecondsUnderItsLimits() {
        String app = stack.newApp();
        String gold = PushStack.fcmToken();
        String silver = PushStack.fcmToken();
        String other = PushStack.fcmToken();
        // The endpoints exist before the campaign, as the segment's members.
        putEvent(app, "gold-1", gold, "gold", "_session.start", "s0");
        putEvent(app, "silver-1", silver, "silver", "_session.start", "s0");
        putEvent(app, "gold-2", other, "gold", "_session.start", "s0");
        String campaign = cartAbandoned(app, goldSegment(app));

        // The trigger path sees a new campaign within its cache interval (5 s; the app's campaigns were read for the
        // first events already): repeat the event until it sends. Session 1 lets only one of them through.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            putEvent(app, "gold-1", gold, "gold", "cart.abandoned", "s1");
            return !stack.fcmReceived(gold).isEmpty();
        });
        putEvent(app, "silver-1", silver, "silver", "cart.abandoned", "s1"); // not in the segment
        putEvent(app, "gold-2", other, "gold", "cart.checkout", "s1");      // another event
        putEvent(app, "gold-1", gold, "gold", "cart.abandoned", "s1");     // Session 1: once per session

        assertThat(stack.fcmReceived(gold)).hasSize(1);
        var push = stack.fcmReceived(gold).get(0).json().path("message");
        assertThat(push.path("data").path("pinpoint.campaign.campaign_id").asText()).isEqualTo(campaign);
        assertThat(push.toString()).contains("Your cart misses you");

        putEvent(app, "gold-1", gold, "gold", "cart.abandoned", "s2");     // a new session: sends (2 of Daily 2)
        putEvent(app, "gold-1", gold, "gold", "cart.abandoned", "s3");     // Daily 2 reached
        putEvent(app, "gold-2", other, "gold", "cart.abandoned", "s3");    // marker: its send means all were read
        await().atMost(Duration.ofSeconds(20)).until(() -> stack.fcmReceived(other).size() == 1);
        await().atMost(Duration.ofSeconds(5)).until(() -> stack.fcmReceived(gold).size() >= 2);

        assertThat(stack.fcmReceived(gold)).as("Session 1, then Daily 2").hasSize(2);
        assertThat(stack.fcmReceived(silver)).isEmpty();

        // The campaign's KPIs are what the stand-in received: three pushes to two endpoints, all delivered.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(value(kpi(app, campaign, "unique-deliveries"))).isEqualTo("2.0"));
        assertThat(value(kpi(app, campaign, "successful-delivery-rate"))).isEqualTo("1.0");
        List<ResultRow> byRun = kpi(app, campaign, "attempted-deliveries-grouped-by-campaign-activity").kpiResult().rows();
        assertThat(byRun).hasSize(1);
        assertThat(byRun.get(0).values().get(0).value()).isEqualTo("3");

        // The app's KPIs grouped by campaign: one row for this campaign, keyed CampaignId as in Pinpoint's guide.
        List<ResultRow> unique = appKpi(app, "unique-deliveries-grouped-by-campaign");
        assertThat(unique).singleElement().satisfies(row -> {
            assertThat(row.groupedBys()).singleElement().satisfies(g -> {
                assertThat(g.key()).isEqualTo("CampaignId");
                assertThat(g.value()).isEqualTo(campaign);
            });
            assertThat(row.values()).singleElement().satisfies(v -> {
                assertThat(v.key()).isEqualTo("UniqueDeliveries");
                assertThat(v.type()).isEqualTo("Double");
                assertThat(v.value()).isEqualTo("2.0");
            });
        });
        assertThat(appKpi(app, "attempted-deliveries-grouped-by-campaign")).singleElement()
                .satisfies(row -> assertThat(row.values().get(0).value()).isEqualTo("3"));
        assertThat(appKpi(app, "successful-deliveries-grouped-by-campaign")).singleElement()
                .satisfies(row -> assertThat(row.values().get(0).value()).isEqualTo("3"));
        assertThat(appKpi(app, "successful-delivery-rate-grouped-by-campaign")).singleElement()
                .satisfies(row -> assertThat(row.values().get(0).value()).isEqualTo("1.0"));
        assertThat(appKpi(stack.newApp(), "unique-deliveries-grouped-by-campaign")).as("no campaign: empty Rows").isEmpty();
    }

    static List<ResultRow> appKpi(String app, String name) {
        return stack.pinpoint.getApplicationDateRangeKpi(b -> b.applicationId(app).kpiName(name))
                .applicationDateRangeKpiResponse().kpiResult().rows();
    }

    @Test
    void anEventCampaignWhoseSegmentIsDeletedBecomesDeletedAndPushesNothing() {
        String app = stack.newApp();
        String gold = PushStack.fcmToken();
        String segment = goldSegment(app);
        String campaign = cartAbandoned(app, segment);
        // A control: the same trigger on a segment that stays. Its push shows the events were read and judged.
        String control = cartAbandoned(app, goldSegment(app));

        // Deleted before the app's first event: the trigger path caches an app's campaigns for 5 s, so a read of them
        // between the campaign's creation and the deletion could still trigger once from the cached segment.
        stack.pinpoint.deleteSegment(b -> b.applicationId(app).segmentId(segment));

        // Pinpoint: a campaign whose segment is deleted fails with status DELETED, as a scheduled one's run does.
        await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofSeconds(2)).until(() -> {
            putEvent(app, "gold-1", gold, "gold", "cart.abandoned", "s1");
            return stack.pinpoint.getCampaign(b -> b.applicationId(app).campaignId(campaign)).campaignResponse().state()
                    .campaignStatus() == CampaignStatus.DELETED;
        });
        await().atMost(Duration.ofSeconds(20)).until(() -> !stack.fcmReceived(gold).isEmpty());
        // The deleted campaign's push, had there been one, was queued with the control's: give it time to arrive.
        await().during(Duration.ofSeconds(1)).atMost(Duration.ofSeconds(3)).until(() -> stack.fcmReceived(gold).size() == 1);
        assertThat(stack.fcmReceived(gold).get(0).json().path("message").path("data")
                .path("pinpoint.campaign.campaign_id").asText()).isEqualTo(control);
    }

    /** A segment of the endpoints whose attribute tier is gold. */
    static String goldSegment(String app) {
        return stack.pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("gold")
                .dimensions(d -> d.attributes(Map.of("tier", AttributeDimension.builder()
                        .attributeType(AttributeType.INCLUSIVE).values("gold").build())))))
                .segmentResponse().id();
    }

    /** An event campaign to {@code segment}, triggered by cart.abandoned: once a session, twice a day. */
    static String cartAbandoned(String app, String segment) {
        return stack.pinpoint.createCampaign(b -> b.applicationId(app).writeCampaignRequest(r -> r
                .name("cart-abandoned").segmentId(segment).segmentVersion(1)
                .messageConfiguration(m -> m.gcmMessage(g -> g.title("Still thinking?").body("Your cart misses you")))
                .limits(l -> l.session(1).daily(2))
                .schedule(s -> s.startTime("IMMEDIATE").frequency("EVENT").eventFilter(f -> f
                        .filterType(FilterType.ENDPOINT)
                        .dimensions(d -> d.eventType(e -> e.dimensionType(DimensionType.INCLUSIVE)
                                .values("cart.abandoned")))))))
                .campaignResponse().id();
    }

    static CampaignDateRangeKpiResponse kpi(String app, String campaign, String name) {
        return stack.pinpoint.getCampaignDateRangeKpi(b -> b.applicationId(app).campaignId(campaign).kpiName(name))
                .campaignDateRangeKpiResponse();
    }

    static String value(CampaignDateRangeKpiResponse response) {
        assertThat(response.kpiResult().rows()).hasSize(1);
        return response.kpiResult().rows().get(0).values().get(0).value();
    }
}
