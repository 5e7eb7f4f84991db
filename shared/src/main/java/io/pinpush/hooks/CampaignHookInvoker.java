package io.pinpush.hooks;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.apps.CampaignHook;
import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.messaging.DeliveryStatus;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a campaign's hook over the endpoints of one campaign run, {@value CampaignHookEvent#MAX_ENDPOINTS} at a time,
 * under Pinpoint's rules ({@link HookCalls}):
 * <ul>
 *   <li>FILTER: the hook answers with the endpoints to keep, as a map id &rarr; endpoint definition; Pinpush sends
 *       to those, with the Attributes, Metrics, User, Demographic and Location the hook returned. Ids the batch did
 *       not hold are ignored (a hook cannot add recipients, nor change an endpoint's address or channel).</li>
 *   <li>DELIVERY: the hook delivers; its successful answer is each endpoint's delivery, streamed as
 *       {@code _campaign.send} with delivery type CUSTOM.</li>
 * </ul>
 * A batch whose hook still fails after the attempts (or answers something that is not such a map) fails: it is
 * counted, and each of its endpoints gets a failure outcome.
 */
public final class CampaignHookInvoker {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignHookInvoker.class);

    /** What a FILTER hook left: the endpoints to send to, and how many were dropped or in failed batches. */
    public record FilterResult(List<EndpointResponse> kept, int dropped, int failedBatches, int failedEndpoints) {
        public FilterResult {
            kept = List.copyOf(kept);
        }
    }

    /** What a DELIVERY hook (or a custom channel) did. */
    public record DeliveryResult(int delivered, int failedBatches, int failedEndpoints) {
    }

    private final HookTargets targets;
    private final HookCalls calls;
    private final HookOutcomes outcomes;

    public CampaignHookInvoker(HookTargets targets, HookCalls calls, HookOutcomes outcomes) {
        this.targets = targets;
        this.calls = calls;
        this.outcomes = outcomes;
    }

    public FilterResult filter(HookBatch batch, CampaignHook hook, List<EndpointResponse> endpoints) {
        HookTarget target = targets.forHook(hook);
        List<EndpointResponse> kept = new ArrayList<>();
        int failedBatches = 0;
        int failedEndpoints = 0;
        for (Map<String, EndpointResponse> group : HookCalls.batches(endpoints)) {
            String payload = Json.write(CampaignHookEvent.forHook(batch, group));
            try {
                kept.addAll(calls.call(target, batch.applicationId(), payload, answer -> keptEndpoints(answer, group)));
            } catch (HookCallException failed) {
                failedBatches++;
                failedEndpoints += group.size();
                LOG.warn("FILTER hook of campaign {} failed for {} endpoints: {}", batch.campaignId(), group.size(),
                        failed.getMessage());
                group.values().forEach(endpoint -> outcomes.outcome(batch, endpoint, endpoint.channelType(),
                        failureStatus(failed), "Campaign hook failed: " + failed.getMessage()));
            }
        }
        int dropped = endpoints.size() - failedEndpoints - kept.size();
        return new FilterResult(kept, dropped, failedBatches, failedEndpoints);
    }

    public DeliveryResult deliver(HookBatch batch, CampaignHook hook, List<EndpointResponse> endpoints) {
        return deliverEach(batch, targets.forHook(hook), endpoints,
                group -> Json.write(CampaignHookEvent.forHook(batch, group)));
    }

    /**
     * Calls {@code target} with each group's payload; a success delivers every endpoint of the group (CUSTOM), a
     * failure fails them. Shared with the custom channel, whose payload differs.
     */
    public DeliveryResult deliverEach(HookBatch batch, HookTarget target, List<EndpointResponse> endpoints,
                                      java.util.function.Function<Map<String, EndpointResponse>, String> payload) {
        int delivered = 0;
        int failedBatches = 0;
        int failedEndpoints = 0;
        for (Map<String, EndpointResponse> group : HookCalls.batches(endpoints)) {
            try {
                calls.call(target, batch.applicationId(), payload.apply(group), answer -> answer);
                delivered += group.size();
                group.values().forEach(endpoint -> outcomes.outcome(batch, endpoint, ChannelType.CUSTOM,
                        DeliveryStatus.SUCCESSFUL, "Delivered by " + target.describe()));
            } catch (HookCallException failed) {
                failedBatches++;
                failedEndpoints += group.size();
                LOG.warn("Delivery through {} for campaign {} failed for {} endpoints: {}", target.describe(),
                        batch.campaignId(), group.size(), failed.getMessage());
                group.values().forEach(endpoint -> outcomes.outcome(batch, endpoint, ChannelType.CUSTOM,
                        failureStatus(failed), failed.getMessage()));
            }
        }
        return new DeliveryResult(delivered, failedBatches, failedEndpoints);
    }

    private static DeliveryStatus failureStatus(HookCallException failed) {
        return failed.getCause() instanceof HookCallException last && last.retryable()
                ? DeliveryStatus.TEMPORARY_FAILURE : DeliveryStatus.PERMANENT_FAILURE;
    }

    /** The FILTER answer: a JSON object of endpoint id to endpoint definition; anything else is malformed. */
    static List<EndpointResponse> keptEndpoints(String answer, Map<String, EndpointResponse> sent) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(answer == null ? "" : answer);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw malformed("not JSON");
        }
        if (root == null || !root.isObject()) {
            throw malformed("not a map of endpoint id to endpoint");
        }
        List<EndpointResponse> kept = new ArrayList<>();
        Iterator<Map.Entry<String, JsonNode>> fields = root.fields();
        while (fields.hasNext()) {
            Map.Entry<String, JsonNode> field = fields.next();
            EndpointResponse original = sent.get(field.getKey());
            if (original == null) {
                continue;
            }
            if (!field.getValue().isObject()) {
                throw malformed("endpoint " + field.getKey() + " is not an object");
            }
            EndpointResponse returned;
            try {
                returned = Json.mapper().treeToValue(field.getValue(), EndpointResponse.class);
            } catch (com.fasterxml.jackson.core.JsonProcessingException | IllegalArgumentException e) {
                throw malformed("endpoint " + field.getKey() + " is not an endpoint definition");
            }
            kept.add(enriched(original, returned));
        }
        return kept;
    }

    /** The original endpoint with what a hook may change: the data messages are personalized with. */
    private static EndpointResponse enriched(EndpointResponse original, EndpointResponse returned) {
        return new EndpointResponse(original.address(), original.applicationId(),
                returned.attributes() != null ? returned.attributes() : original.attributes(), original.channelType(),
                original.cohortId(), original.creationDate(),
                returned.demographic() != null ? returned.demographic() : original.demographic(),
                original.effectiveDate(), original.endpointStatus(), original.id(),
                returned.location() != null ? returned.location() : original.location(),
                returned.metrics() != null ? returned.metrics() : original.metrics(), original.optOut(),
                original.requestId(), returned.user() != null ? returned.user() : original.user());
    }

    private static HookCallException malformed(String why) {
        return new HookCallException("The hook's answer cannot be used: " + why, false);
    }
}
