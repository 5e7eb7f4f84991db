package io.pinpush.triggers;

import io.pinpush.config.PinpushConfig;
import io.pinpush.endpoints.EndpointService;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The trigger path wired from the configuration. The campaign side plugs in through the two seams; until it does,
 * {@link EventCampaigns#NONE} and {@link TriggeredSends#NONE} make the path a no-op that still reads the stream.
 */
public final class Triggers {

    /** How long an app's active event campaigns are reused (PINPUSH_TRIGGER_CAMPAIGN_CACHE, ISO-8601 duration). */
    static final Duration DEFAULT_CAMPAIGN_CACHE = Duration.ofSeconds(5);

    private Triggers() {
    }

    public static TriggerEvaluator evaluator(PinpushConfig config, DynamoDbClient dynamoDb, EndpointService endpoints,
                                             EventCampaigns campaigns, TriggeredSends sends, Clock clock) {
        Duration cache = config.getDuration("PINPUSH_TRIGGER_CAMPAIGN_CACHE", DEFAULT_CAMPAIGN_CACHE);
        TriggerEndpoints stored = (appId, endpointId) ->
                Optional.ofNullable(endpoints.findAll(appId, List.of(endpointId)).get(endpointId));
        return new TriggerEvaluator(new CachedEventCampaigns(campaigns, cache, clock), sends,
                new TriggerLimits(dynamoDb, config, clock), stored, clock);
    }
}
