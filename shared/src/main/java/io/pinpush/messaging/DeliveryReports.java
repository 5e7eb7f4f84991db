package io.pinpush.messaging;

import io.pinpush.api.ApiError;
import io.pinpush.apps.AppService;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * GetMessageReport (Pinpush's extension): where every delivery of a send request stands now, for callers whose
 * send answered QUEUED. Answered in the send's own MessageResponse shape, so a client reads it with the code that
 * reads the send: raw addresses under Result, endpoints (also those of a SendUsersMessages request) under
 * EndpointResult; a delivery still in flight is QUEUED.
 */
public final class DeliveryReports {

    private final AppService apps;
    private final DeliveryStore store;

    public DeliveryReports(AppService apps, DeliveryStore store) {
        this.apps = apps;
        this.store = store;
    }

    public MessageResponse report(String appId, String requestId) {
        apps.require(appId);
        SendRecord request = store.request(requestId)
                .filter(r -> r.appId().equals(appId))
                .orElseThrow(() -> ApiError.notFound("Message request " + requestId + " not found in application " + appId));

        Map<Integer, DeliveryOutcome> outcomes = new HashMap<>();
        store.outcomes(requestId).forEach(o -> outcomes.put(o.index(), o));
        Map<Integer, DeliveryTarget> queued = request.queued() == null ? Map.of() : request.queued();

        Map<String, MessageResult> byAddress = new LinkedHashMap<>();
        Map<String, EndpointMessageResult> byEndpoint = new LinkedHashMap<>();
        for (int index = 0; index < request.deliveries(); index++) {
            DeliveryOutcome outcome = outcomes.get(index);
            DeliveryTarget target = outcome != null ? outcome.target() : queued.get(index);
            if (target == null) {
                continue;
            }
            MessageResult result = outcome != null ? outcome.result() : MessageResult.QUEUED;
            if (target.isRawAddress()) {
                byAddress.put(target.address(), result);
            } else {
                byEndpoint.put(target.endpointId(), result.toEndpointResult(target.address()));
            }
        }
        return new MessageResponse(appId, byEndpoint.isEmpty() ? null : byEndpoint, requestId,
                byAddress.isEmpty() ? null : byAddress);
    }
}
