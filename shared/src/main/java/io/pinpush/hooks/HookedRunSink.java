package io.pinpush.hooks;

import io.pinpush.apps.CampaignHook;
import io.pinpush.campaigns.MessageConfiguration;
import io.pinpush.campaigns.run.RunContext;
import io.pinpush.campaigns.run.RunSink;
import io.pinpush.customdelivery.CustomDeliveryConfiguration;
import io.pinpush.customdelivery.CustomDeliverySender;
import io.pinpush.endpoints.EndpointResponse;
import java.util.List;
import java.util.Optional;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * A campaign run's batches (at most 50 endpoints of one treatment) through the campaign's hook and custom channel
 * before anything is pushed, as Pinpoint ran them:
 * <ol>
 *   <li>the hook: the campaign's Hook when it names a function or URL, else the app's CampaignHook setting.
 *       FILTER: only the endpoints it returns (with the data it changed) go on. DELIVERY: the hook delivers the
 *       batch and nothing is pushed.</li>
 *   <li>the treatment's CustomDeliveryConfiguration: endpoints of its EndpointTypes (all when absent) are delivered
 *       through the custom channel.</li>
 *   <li>what is left goes to push ({@code push}, the runner's render-and-queue sink) — for endpoints a custom channel
 *       did not serve, only when the treatment has a push message.</li>
 * </ol>
 * Hook and custom channel outcomes are streamed as {@code _campaign.send} by {@link CampaignHookInvoker}.
 */
public final class HookedRunSink implements RunSink {

    private final RunSink push;
    private final Supplier<CampaignHookInvoker> invoker;
    private final Supplier<CustomDeliverySender> customChannels;
    private final Function<String, Optional<CampaignHook>> appHook;

    /**
     * @param invoker        and {@code customChannels}: suppliers, so no HTTP or Lambda client exists until a
     *                       campaign actually has a hook or custom channel
     * @param appHook        the app's CampaignHook setting, by app id
     */
    public HookedRunSink(RunSink push, Supplier<CampaignHookInvoker> invoker,
                         Supplier<CustomDeliverySender> customChannels,
                         Function<String, Optional<CampaignHook>> appHook) {
        this.push = push;
        this.invoker = invoker;
        this.customChannels = customChannels;
        this.appHook = appHook;
    }

    @Override
    public void deliver(RunContext run, List<EndpointResponse> batch) {
        Optional<CampaignHook> hook = hookOf(run);
        HookBatch hookBatch = new HookBatch(run.appId(), run.campaignId(), run.treatmentId(), run.activityId(),
                run.scheduledStart() == null ? null : run.scheduledStart().toString(),
                run.treatment().messageConfiguration());
        List<EndpointResponse> endpoints = batch;
        if (hook.isPresent() && hook.get().mode() == CampaignHook.HookMode.DELIVERY) {
            invoker.get().deliver(hookBatch, hook.get(), endpoints);
            return;
        }
        if (hook.isPresent()) { // FILTER, Pinpoint's default mode
            endpoints = invoker.get().filter(hookBatch, hook.get(), endpoints).kept();
        }
        CustomDeliveryConfiguration custom = run.treatment().customDeliveryConfiguration();
        if (custom != null) {
            MessageConfiguration message = run.treatment().messageConfiguration();
            String data = message == null || message.customMessage() == null ? null : message.customMessage().data();
            customChannels.get().send(hookBatch, custom, data, endpoints);
            endpoints = message != null && message.hasPushMessage()
                    ? endpoints.stream().filter(e -> !custom.appliesTo(e.channelType())).toList()
                    : List.of();
        }
        if (!endpoints.isEmpty()) {
            push.deliver(run, endpoints);
        }
    }

    /** The campaign's own hook when it names a target, else the app's. */
    private Optional<CampaignHook> hookOf(RunContext run) {
        CampaignHook own = run.campaign() == null ? null : run.campaign().hook();
        if (hasTarget(own)) {
            return Optional.of(own);
        }
        return appHook.apply(run.appId()).filter(HookedRunSink::hasTarget);
    }

    private static boolean hasTarget(CampaignHook hook) {
        return hook != null && !hook.isEmpty();
    }
}
