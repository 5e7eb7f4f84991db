package io.pinpush.quotas;

import java.util.Map;
import java.util.Set;

/**
 * Amazon Pinpoint's default request-rate quotas per app and operation (requests per second), which Pinpush
 * enforces unless an app sets its own (UpdateApplicationQuotas).
 */
public final class PinpointQuotas {

    /** Campaign and segment writes: Pinpoint allowed 25 per second. */
    static final Set<String> CAMPAIGN_AND_SEGMENT_WRITES = Set.of("CreateCampaign", "UpdateCampaign", "DeleteCampaign",
            "CreateSegment", "UpdateSegment", "DeleteSegment");

    private static final Map<String, Integer> RATES = Map.of(
            "SendMessages", 4_000,
            "SendUsersMessages", 6_000,
            "GetEndpoint", 7_000,
            "PutEvents", 7_000,
            "UpdateEndpoint", 5_000,
            "UpdateEndpointsBatch", 5_000,
            "DeleteEndpoint", 1_000);

    /** Every other operation on an app. */
    static final int OTHERS = 300;
    static final int CAMPAIGN_AND_SEGMENT_WRITE_RATE = 25;

    private PinpointQuotas() {
    }

    public static int defaultRate(String operation) {
        if (CAMPAIGN_AND_SEGMENT_WRITES.contains(operation)) {
            return CAMPAIGN_AND_SEGMENT_WRITE_RATE;
        }
        return RATES.getOrDefault(operation, OTHERS);
    }
}
