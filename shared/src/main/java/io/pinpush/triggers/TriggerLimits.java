package io.pinpush.triggers;

import io.pinpush.config.PinpushConfig;
import io.pinpush.limits.EndpointCaps;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Claims a triggered send before it happens: the campaign's per-endpoint Limits ({@link EndpointCaps}, shared with
 * scheduled runs) with the triggering record's hash as the claim, so a record Lambda redelivers is recognized and
 * sends nothing again.
 */
public final class TriggerLimits {

    /** Why a claim was refused, or that it was granted. */
    public enum Claim { GRANTED, DUPLICATE, LIMITED }

    private final EndpointCaps caps;

    public TriggerLimits(DynamoDbClient dynamoDb, PinpushConfig config, Clock clock) {
        this(new EndpointCaps(dynamoDb, config, clock));
    }

    public TriggerLimits(EndpointCaps caps) {
        this.caps = caps;
    }

    /** One send of {@code trigger} to {@code endpointId}, caused by the event whose record hashes to {@code eventKey}. */
    public record Send(String appId, EventTrigger trigger, String endpointId, String sessionId, String eventKey) {

        EndpointCaps.Request request() {
            return new EndpointCaps.Request(appId, trigger.campaignId(), endpointId, sessionId, "event#" + eventKey,
                    trigger.limits(), trigger.endTime());
        }
    }

    public Claim claim(Send send) {
        return Claim.valueOf(caps.claim(send.request()).name());
    }

    /** Undoes a granted claim whose send failed, so the retried record may claim again. */
    public void release(Send send) {
        caps.release(send.request());
    }
}
