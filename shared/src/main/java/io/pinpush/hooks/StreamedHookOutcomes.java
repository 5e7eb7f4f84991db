package io.pinpush.hooks;

import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.events.EventRecorder;
import io.pinpush.events.PushOutcome;
import io.pinpush.messaging.DeliveryStatus;
import java.time.Clock;

/** Streams each hook-decided outcome as Pinpoint's {@code _campaign.send} event, with its delivery type. */
public final class StreamedHookOutcomes implements HookOutcomes {

    private final EventRecorder events;
    private final Clock clock;

    public StreamedHookOutcomes(EventRecorder events, Clock clock) {
        this.events = events;
        this.clock = clock;
    }

    @Override
    public void outcome(HookBatch batch, EndpointResponse endpoint, ChannelType deliveryType, DeliveryStatus status,
                        String message) {
        events.deliveryOutcome(PushOutcome.builder(batch.applicationId())
                .endpointId(endpoint.id())
                .userId(endpoint.userId())
                .address(endpoint.address())
                .channelType(deliveryType)
                .status(status)
                .statusCode(status == DeliveryStatus.SUCCESSFUL ? 200 : 500)
                .statusMessage(message)
                .campaign(batch.campaignId(), batch.activityId(), batch.treatmentId())
                .finishedAt(clock.instant())
                .build());
    }
}
