package io.pinpush.customdelivery;

import io.pinpush.api.Json;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.hooks.CampaignHookEvent;
import io.pinpush.hooks.CampaignHookInvoker;
import io.pinpush.hooks.HookBatch;
import io.pinpush.hooks.HookTargets;
import io.pinpush.hooks.Hooks;
import java.util.List;

/**
 * Delivers a campaign through its custom channel: the endpoints whose channel type is in EndpointTypes, at most 50
 * per call, with Pinpoint's custom channel payload ({@code Message}, {@code Data}, the ids, {@code Endpoints}) POSTed
 * signed to the web hook or passed to the Lambda function. A call that succeeds delivers its endpoints (each
 * streamed as {@code _campaign.send}, delivery type CUSTOM); retries follow the hook rules (3 attempts, 15 s each).
 */
public final class CustomDeliverySender {

    private final HookTargets targets;
    private final CampaignHookInvoker invoker;

    public CustomDeliverySender(HookTargets targets, CampaignHookInvoker invoker) {
        this.targets = targets;
        this.invoker = invoker;
    }

    public static CustomDeliverySender from(Hooks hooks) {
        return new CustomDeliverySender(hooks.targets(), hooks.invoker());
    }

    /**
     * @param data the campaign's CustomMessage.Data, passed on as is
     * @return what was delivered; endpoints of other channel types are not counted (the campaign's other
     *         channels, if any, serve them)
     */
    public CampaignHookInvoker.DeliveryResult send(HookBatch batch, CustomDeliveryConfiguration configuration,
                                                   String data, List<EndpointResponse> endpoints) {
        List<EndpointResponse> eligible = endpoints.stream()
                .filter(endpoint -> configuration.appliesTo(endpoint.channelType())).toList();
        return invoker.deliverEach(batch, targets.forDeliveryUri(configuration.deliveryUri()), eligible,
                group -> Json.write(CampaignHookEvent.forCustomChannel(batch, data, group)));
    }
}
