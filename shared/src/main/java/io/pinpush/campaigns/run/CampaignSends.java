package io.pinpush.campaigns.run;

import io.pinpush.api.Timestamps;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.messaging.Delivery;
import io.pinpush.messaging.DeliveryListener;
import io.pinpush.messaging.DeliveryQueue;
import io.pinpush.messaging.DeliveryStore;
import io.pinpush.messaging.DeliveryTarget;
import io.pinpush.messaging.Recipient;
import io.pinpush.messaging.SafeListener;
import io.pinpush.messaging.SendPlan;
import io.pinpush.messaging.SendPlanner;
import java.time.Clock;
import java.util.List;

/**
 * The default {@link RunSink}: renders the treatment's message (or template) for each endpoint through the send
 * path's {@link SendPlanner} and queues the deliveries on the same delivery queue the dispatcher drains, each with
 * its CampaignAttribution and the {@code pinpoint.campaign.*} data keys. Endpoints decided without a provider (an
 * unusable channel, a payload too large) get their outcome recorded and heard at once, as in a direct send.
 *
 * <p>Delivery ids are {@code <activityId>:<endpointId>/0}: the same endpoint in the same run always has the same id.
 */
public final class CampaignSends implements RunSink {

    private final SendPlanner planner;
    private final DeliveryStore store;
    private final DeliveryQueue queue;
    private final DeliveryListener listener;
    private final Clock clock;

    public CampaignSends(SendPlanner planner, DeliveryStore store, DeliveryQueue queue, DeliveryListener listener,
                         Clock clock) {
        this.planner = planner;
        this.store = store;
        this.queue = queue;
        this.listener = new SafeListener(listener);
        this.clock = clock;
    }

    @Override
    public void deliver(RunContext run, List<EndpointResponse> batch) {
        deliver(run, batch, e -> requestId(run.activityId(), e.id()));
    }

    private void deliver(RunContext run, List<EndpointResponse> batch,
                         java.util.function.Function<EndpointResponse, String> requestIdOf) {
        List<Recipient> recipients = batch.stream().map(e -> new Recipient(
                new DeliveryTarget(e.address(), e.channelType(), e.id(), e.user() == null ? null : e.user().userId()),
                e, new Recipient.Overrides(null, null, null, null, null))).toList();
        List<String> requestIds = batch.stream().map(requestIdOf).toList();
        SendPlan plan = planner.planCampaign(run.appId(), requestIds, run.attribution(),
                CampaignMessages.toDirect(run.treatment().messageConfiguration()),
                run.treatment().templateConfiguration(), recipients, clock.instant());
        if (!plan.decided().isEmpty()) {
            // A work item done again (its claims released after a queueing failure) counts and streams these once.
            store.recordNew(plan.decided(), listener::onOutcome);
        }
        List<Delivery> notQueued = queue.enqueue(plan.deliveries());
        if (!notQueued.isEmpty()) {
            throw new IllegalStateException(notQueued.size() + " deliveries of activity " + run.activityId()
                    + " could not be queued at " + Timestamps.now(clock) + "; the work item is retried");
        }
    }

    /** One endpoint (an event-triggered send): the same rendering and queue as a run's batch. */
    public void sendOne(RunContext run, EndpointResponse endpoint) {
        deliver(run, List.of(endpoint));
    }

    /**
     * One endpoint with its own request id: an event-triggered campaign sends to the same endpoint in the same
     * activity once per triggering event, so the id names the event too (campaign-limits' triggered sends).
     */
    public void sendOne(RunContext run, EndpointResponse endpoint, String requestId) {
        deliver(run, List.of(endpoint), e -> requestId);
    }

    /** The delivery's request id: the run's activity and the endpoint, nothing that changes on a retry. */
    static String requestId(String activityId, String endpointId) {
        return activityId + ":" + endpointId;
    }
}
