package io.pinpush.messaging;

import io.pinpush.providers.RenderedPush;
import java.util.Map;

/**
 * One notification on its way: the body of one delivery-queue message. Rendered at send time, so the dispatcher
 * only ships bytes; everything it needs to record the outcome travels along.
 *
 * @param queuedAt ISO-8601 instant the send function accepted it
 * @param campaign the campaign run it belongs to, or null for a direct send
 * @param eventAttributes attributes its event carries besides Pinpush's own (a SendUsersMessages request's Context),
 *                        or null
 */
public record Delivery(String appId, String requestId, int index, DeliveryTarget target, String traceId,
                       RenderedPush push, String queuedAt, CampaignAttribution campaign,
                       Map<String, String> eventAttributes) {

    public Delivery {
        eventAttributes = ContextMaps.merged(eventAttributes);
    }

    /** A delivery whose event carries Pinpush's attributes only. */
    public Delivery(String appId, String requestId, int index, DeliveryTarget target, String traceId,
                    RenderedPush push, String queuedAt, CampaignAttribution campaign) {
        this(appId, requestId, index, target, traceId, push, queuedAt, campaign, null);
    }

    /** A direct send's delivery: no campaign. */
    public Delivery(String appId, String requestId, int index, DeliveryTarget target, String traceId,
                    RenderedPush push, String queuedAt) {
        this(appId, requestId, index, target, traceId, push, queuedAt, null);
    }

    public String deliveryId() {
        return deliveryId(requestId, index);
    }

    public DeliveryOutcome outcome(MessageResult result, int attempts, String finishedAt) {
        return new DeliveryOutcome(appId, requestId, index, target, traceId, result, attempts, finishedAt, campaign,
                eventAttributes);
    }

    static String deliveryId(String requestId, int index) {
        return requestId + "/" + index;
    }
}
