package io.pinpush.messaging;

import io.pinpush.events.EventRecorder;
import io.pinpush.events.PushOutcome;
import java.time.Instant;

/**
 * Puts every delivery outcome on the event stream: {@code _push.send}, or {@code _campaign.send} when the delivery
 * carries a {@link CampaignAttribution}, and {@code _endpoint.inactive}.
 */
public final class StreamedOutcomes implements DeliveryListener {

    private final EventRecorder events;

    public StreamedOutcomes(EventRecorder events) {
        this.events = events;
    }

    @Override
    public void onOutcome(DeliveryOutcome outcome) {
        events.deliveryOutcome(pushOutcome(outcome));
    }

    @Override
    public void onEndpointInactive(String appId, String endpointId, DeliveryOutcome cause) {
        events.endpointInactive(endpointId, pushOutcome(cause));
    }

    static PushOutcome pushOutcome(DeliveryOutcome outcome) {
        DeliveryTarget target = outcome.target();
        MessageResult result = outcome.result();
        PushOutcome.Builder builder = PushOutcome.builder(outcome.appId());
        CampaignAttribution campaign = outcome.campaign();
        if (campaign != null) {
            builder.campaign(campaign.campaignId(), campaign.activityId(), campaign.treatmentId());
        }
        return builder
                .endpointId(target.endpointId()).userId(target.userId()).address(target.address())
                .channelType(target.channelType())
                .status(result.deliveryStatus()).statusCode(result.statusCode()).statusMessage(result.statusMessage())
                .messageId(result.messageId()).updatedToken(result.updatedToken())
                .requestId(outcome.requestId()).traceId(outcome.traceId())
                .finishedAt(outcome.finishedAt() == null ? null : Instant.parse(outcome.finishedAt()))
                .extraAttributes(outcome.eventAttributes())
                .build();
    }
}
