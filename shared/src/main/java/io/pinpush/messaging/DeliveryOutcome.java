package io.pinpush.messaging;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.util.Map;

/**
 * The terminal outcome of one delivery: what the delivery record stores and what {@link DeliveryListener}s hear.
 * Every address a send request accepts ends in exactly one of these, whether a provider was called or not.
 *
 * @param index      the delivery's position in its request (the delivery id is {@code requestId/index})
 * @param attempts   provider calls made (0 when decided without one)
 * @param finishedAt ISO-8601 instant the outcome became final
 * @param campaign   the campaign run the delivery belongs to, or null for a direct send
 * @param eventAttributes attributes its event carries besides Pinpush's own (see {@link Delivery}), or null
 */
public record DeliveryOutcome(String appId, String requestId, int index, DeliveryTarget target, String traceId,
                              MessageResult result, int attempts, String finishedAt, CampaignAttribution campaign,
                              // Only the event needs them: the delivery record (this record's JSON) does not keep them.
                              @JsonIgnore Map<String, String> eventAttributes) {

    public DeliveryOutcome {
        eventAttributes = ContextMaps.merged(eventAttributes);
    }

    /** An outcome whose event carries Pinpush's attributes only. */
    public DeliveryOutcome(String appId, String requestId, int index, DeliveryTarget target, String traceId,
                           MessageResult result, int attempts, String finishedAt, CampaignAttribution campaign) {
        this(appId, requestId, index, target, traceId, result, attempts, finishedAt, campaign, null);
    }

    /** A direct send's outcome: no campaign. */
    public DeliveryOutcome(String appId, String requestId, int index, DeliveryTarget target, String traceId,
                           MessageResult result, int attempts, String finishedAt) {
        this(appId, requestId, index, target, traceId, result, attempts, finishedAt, null);
    }

    public String deliveryId() {
        return Delivery.deliveryId(requestId, index);
    }
}
