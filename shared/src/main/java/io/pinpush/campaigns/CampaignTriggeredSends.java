package io.pinpush.campaigns;

import io.pinpush.campaigns.run.CampaignRuns;
import io.pinpush.campaigns.run.CampaignSends;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointService;
import io.pinpush.triggers.EventTrigger;
import io.pinpush.triggers.TriggeredSends;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Clock;
import java.util.HexFormat;
import java.util.List;
import java.util.function.UnaryOperator;
import io.pinpush.campaigns.run.RunSink;

/**
 * Sends an event-triggered campaign's message to one endpoint: the campaign version the trigger names, its default
 * treatment, rendered and queued by the runner's own code ({@link CampaignSends}) with CampaignAttribution, so the
 * dispatcher applies MessagesPerSecond and MaximumDuration and the outcome is a {@code _campaign.send}.
 *
 * <p>Every triggered send of one campaign version belongs to one activity, whose id is derived from the campaign
 * and version (so KPIs group them as one run). The delivery's request id adds the endpoint and the triggering
 * record: a second event sends again, the same record redelivered is the same delivery.
 */
public final class CampaignTriggeredSends implements TriggeredSends {

    private final CampaignVersions versions;
    private final EndpointService endpoints;
    private final CampaignRuns runs;
    private final CampaignSends sends;
    private final UnaryOperator<RunSink> hooked;
    private final Clock clock;

    /**
     * @param hooked wraps the send in the campaign's hook and custom channel, as a run's batches are
     *               ({@code io.pinpush.hooks.HookedRunSink}); {@code UnaryOperator.identity()} for none
     */
    public CampaignTriggeredSends(CampaignVersions versions, EndpointService endpoints, CampaignRuns runs,
                                  CampaignSends sends, UnaryOperator<RunSink> hooked, Clock clock) {
        this.versions = versions;
        this.endpoints = endpoints;
        this.runs = runs;
        this.sends = sends;
        this.hooked = hooked;
        this.clock = clock;
    }

    @Override
    public void send(EventTrigger trigger, String appId, String endpointId, String sessionId, String eventKey) {
        CampaignResponse version = versions.version(appId, trigger.campaignId(), trigger.version())
                .orElseThrow(() -> new IllegalStateException("Campaign " + trigger.campaignId() + " version "
                        + trigger.version() + " is gone"));
        EndpointResponse endpoint = endpoints.findAll(appId, List.of(endpointId)).get(endpointId);
        if (endpoint == null) {
            throw new IllegalStateException("Endpoint " + endpointId + " of app " + appId + " is not stored yet");
        }
        String activityId = eventActivityId(trigger.campaignId(), trigger.version());
        var run = runs.contextFor(version, CampaignResponse.DEFAULT_TREATMENT_ID, activityId, clock.instant());
        String requestId = activityId + ":" + endpointId + ":" + eventKey.substring(0, 32);
        RunSink push = (context, batch) -> batch.forEach(e -> sends.sendOne(context, e, requestId));
        hooked.apply(push).deliver(run, List.of(endpoint));
    }

    /** 32 hex characters, like every Pinpoint id, the same for every triggered send of one campaign version. */
    static String eventActivityId(String campaignId, int version) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(("event#" + campaignId + "#" + version).getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest, 0, 16);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("Every JVM has SHA-256", e);
        }
    }
}
