package io.pinpush.hooks;

import io.pinpush.endpoints.EndpointResponse;
import java.util.Map;

/**
 * What a hook or custom channel receives, in Pinpoint's shape (PascalCase, nulls left out):
 * <ul>
 *   <li>campaign hooks (FILTER, DELIVERY): MessageConfiguration, ApplicationId, CampaignId, TreatmentId,
 *       ActivityId, ScheduledTime, Endpoints</li>
 *   <li>custom channels: Message ({@code {}}), Data (the CustomMessage's Data) and the same ids and Endpoints</li>
 * </ul>
 * Endpoints maps each endpoint id to its definition (the EndpointResponse), at most {@value #MAX_ENDPOINTS} per call.
 */
public record CampaignHookEvent(Object message, String data, Object messageConfiguration, String applicationId,
                                String campaignId, String treatmentId, String activityId, String scheduledTime,
                                Map<String, EndpointResponse> endpoints) {

    /** Pinpoint's limit: more endpoints are sent in further calls. */
    public static final int MAX_ENDPOINTS = 50;

    static CampaignHookEvent forHook(HookBatch batch, Map<String, EndpointResponse> endpoints) {
        return new CampaignHookEvent(null, null, batch.messageConfiguration(), batch.applicationId(),
                batch.campaignId(), batch.treatmentId(), batch.activityId(), batch.scheduledTime(), endpoints);
    }

    public static CampaignHookEvent forCustomChannel(HookBatch batch, String data,
                                                     Map<String, EndpointResponse> endpoints) {
        return new CampaignHookEvent(Map.of(), data, null, batch.applicationId(), batch.campaignId(),
                batch.treatmentId(), batch.activityId(), batch.scheduledTime(), endpoints);
    }
}
