package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.events.EventEnvelopes;
import io.pinpush.events.PinpointEvent;
import io.pinpush.providers.RenderedPush;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Campaign deliveries carry their attribution from the queue to the stream; direct sends stay as they were. */
class CampaignAttributionTest {

    private static final CampaignAttribution CAMPAIGN = new CampaignAttribution("campaign-1", "2", "activity-9", 3);
    private static final DeliveryTarget TARGET = DeliveryTarget.address("token-1", ChannelType.APNS);
    private static final RenderedPush PUSH = new RenderedPush(ChannelType.APNS, "token-1", "{}", Map.of(), null);
    private final EventEnvelopes envelopes = new EventEnvelopes(
            Clock.fixed(Instant.parse("2026-12-01T10:00:00Z"), ZoneOffset.UTC), "000000000000");

    @Test
    void campaignDeliveryRoundTripsThroughQueueJson() {
        Delivery delivery = new Delivery("app", "req", 4, TARGET, "trace", PUSH, "2026-12-01T09:59:00Z", CAMPAIGN);

        Delivery read = Json.read(Json.write(delivery), Delivery.class);

        assertThat(read).isEqualTo(delivery);
        assertThat(read.outcome(MessageResult.QUEUED, 1, "2026-12-01T10:00:00Z").campaign()).isEqualTo(CAMPAIGN);
    }

    @Test
    void directDeliveryHasNoCampaignAndWritesNoCampaignMember() {
        Delivery delivery = new Delivery("app", "req", 0, TARGET, null, PUSH, "2026-12-01T09:59:00Z");

        String json = Json.write(delivery);

        assertThat(json).doesNotContain("Campaign");
        assertThat(Json.read(json, Delivery.class).campaign()).isNull();
        assertThat(delivery.outcome(MessageResult.QUEUED, 0, null).campaign()).isNull();
    }

    @Test
    void outcomeStoredBeforeAttributionExistedStillReads() {
        DeliveryOutcome direct = new DeliveryOutcome("app", "req", 1, TARGET, null,
                MessageResult.of(DeliveryStatus.SUCCESSFUL, 200, "OK"), 1, "2026-12-01T10:00:00Z");
        String stored = Json.write(direct);

        DeliveryOutcome read = Json.read(stored, DeliveryOutcome.class);

        assertThat(read).isEqualTo(direct);
        assertThat(read.campaign()).isNull();
        DeliveryOutcome campaign = new DeliveryOutcome("app", "req", 1, TARGET, null,
                MessageResult.of(DeliveryStatus.SUCCESSFUL, 200, "OK"), 1, "2026-12-01T10:00:00Z", CAMPAIGN);
        assertThat(Json.read(Json.write(campaign), DeliveryOutcome.class)).isEqualTo(campaign);
    }

    @Test
    void attributedOutcomeIsStreamedAsCampaignSendWithPinpointsAttributes() {
        DeliveryOutcome outcome = new DeliveryOutcome("app", "req", 1, TARGET, null,
                MessageResult.of(DeliveryStatus.SUCCESSFUL, 200, "OK"), 1, "2026-12-01T10:00:00Z", CAMPAIGN);

        PinpointEvent event = envelopes.deliveryOutcome(StreamedOutcomes.pushOutcome(outcome)).event();

        assertThat(event.eventType()).isEqualTo("_campaign.send");
        assertThat(event.attributes()).containsEntry("campaign_id", "campaign-1")
                .containsEntry("campaign_activity_id", "activity-9").containsEntry("treatment_id", "2")
                .containsEntry("delivery_type", "APNS").containsEntry("campaign_send_status", "SUCCESS");
    }

    @Test
    void unattributedOutcomeStaysAPushSend() {
        DeliveryOutcome outcome = new DeliveryOutcome("app", "req", 1, TARGET, null,
                MessageResult.of(DeliveryStatus.PERMANENT_FAILURE, 410, "Unregistered"), 1, "2026-12-01T10:00:00Z");

        PinpointEvent event = envelopes.deliveryOutcome(StreamedOutcomes.pushOutcome(outcome)).event();

        assertThat(event.eventType()).isEqualTo("_push.send");
        assertThat(event.attributes()).doesNotContainKeys("campaign_id", "treatment_id", "campaign_send_status");
    }
}
