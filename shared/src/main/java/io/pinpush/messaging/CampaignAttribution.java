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
 */
public record CampaignAttribution(String campaignId, String treatmentId, String activityId, int version) {

    public CampaignAttribution {
        Objects.requireNonNull(campaignId, "campaignId");
        Objects.requireNonNull(treatmentId, "treatmentId");
    }
}
