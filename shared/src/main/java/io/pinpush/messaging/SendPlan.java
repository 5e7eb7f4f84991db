package io.pinpush.messaging;

import java.util.List;

/**
 * What a send request turns into once validated: outcomes decided without a provider (DUPLICATE, OPT_OUT,
 * inactive endpoints, payloads too large) and deliveries for the queue. Together they cover every recipient
 * exactly once; {@code targets.get(i)} is the recipient of index {@code i}.
 */
public record SendPlan(String appId, String requestId, String traceId, List<DeliveryTarget> targets,
                       List<DeliveryOutcome> decided, List<Delivery> deliveries) {

    public SendPlan {
        targets = List.copyOf(targets);
        decided = List.copyOf(decided);
        deliveries = List.copyOf(deliveries);
    }

    public int size() {
        return targets.size();
    }
}
