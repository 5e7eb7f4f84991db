package io.pinpush.messaging;

import java.util.Objects;

/**
 * Which campaign run a delivery belongs to. Carried on {@link Delivery} and {@link DeliveryOutcome} (null for
 * direct sends), so the outcome is streamed as {@code _campaign.send} with Pinpoint's campaign attributes and can be
 * counted per campaign. Lives in messaging rather than campaigns so the send path does not depend on campaigns.
 *
 * @param treatmentId "0" for the default treatment, "1", "2", ... for additional treatments
 * @param activityId  the run (ActivityResponse.Id) that sent it
 * @param version     the campaign version whose message was sent
 * @param messagesPerSecond the campaign's effective Limits.MessagesPerSecond, or null for none: the dispatcher
 *                          paces the campaign's deliveries without reading the campaign
 * @param sendBy      ISO-8601 instant after which the delivery is not sent (the run's ScheduledStart plus
 *                    Limits.MaximumDuration), or null for no deadline
 */
public record CampaignAttribution(String campaignId, String treatmentId, String activityId, int version,
                                  Integer messagesPerSecond, String sendBy) {

    public CampaignAttribution {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(treatmentId, "treatmentId");
    }

    /** Attribution without limits the dispatcher applies. */
    public CampaignAttribution(String campaignId, String treatmentId, String activityId, int version) {
        this(campaignId, treatmentId, activityId, version, null, null);
    }
}
