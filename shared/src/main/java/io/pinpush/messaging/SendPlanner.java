package io.pinpush.messaging;

import io.pinpush.api.ApiError;
import io.pinpush.api.Timestamps;
import io.pinpush.channels.ChannelType;
import io.pinpush.providers.DeliveryResult;
import io.pinpush.providers.PushRenderer;
import io.pinpush.providers.RenderRequest;
import io.pinpush.providers.RenderResult;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides, for every recipient of a send request, whether it gets a notification and which one, without writing
 * or queueing anything: a request-level mistake (no usable channel) throws before any side effect.
 *
 * <p>Recipients are judged in request order (Addresses, then Endpoints; users in order): missing or INACTIVE
 * endpoints are permanent failures, opted-out endpoints OPT_OUT, a second recipient with an address already
 * seen DUPLICATE. The rest are rendered; a payload over the provider's limit is a permanent failure with the
 * renderer's explanation.
 */
public final class SendPlanner {

    /** The data keys the device SDKs read to tell a direct send from a campaign. */
    static final Map<String, String> DIRECT_SEND_DATA = Map.of("pinpoint.campaign.campaign_id", "_DIRECT");

    private final ChannelDirectory channels;
    private final Map<ChannelType, PushRenderer> renderers;
    private final MessageTemplates templates;

    public SendPlanner(ChannelDirectory channels, Map<ChannelType, PushRenderer> renderers) {
        this(channels, renderers, MessageTemplates.NONE);
    }

    public SendPlanner(ChannelDirectory channels, Map<ChannelType, PushRenderer> renderers, MessageTemplates templates) {
        this.channels = channels;
        this.renderers = Map.copyOf(renderers);
        this.templates = templates;
    }

    /** A send without a template. */
    public SendPlan plan(String appId, String requestId, String traceId, DirectMessageConfiguration message,
                         List<Recipient> recipients, Instant now) {
        return plan(appId, requestId, traceId, message, null, recipients, now);
    }

    /** @param template the request's TemplateConfiguration, or null */
    public SendPlan plan(String appId, String requestId, String traceId, DirectMessageConfiguration message,
                         TemplateConfiguration template, List<Recipient> recipients, Instant now) {
        return plan(appId, requestId, traceId, message, template, null, recipients, now);
    }

    /**
     * @param eventAttributes what the deliveries' events carry besides Pinpush's own, or null. SendUsersMessages
     *                        passes its Context: the model says Pinpoint "also provides these attributes in the events
     *                        that it generates for users-messages deliveries"
     */
    public SendPlan plan(String appId, String requestId, String traceId, DirectMessageConfiguration message,
                         TemplateConfiguration template, Map<String, String> eventAttributes, List<Recipient> recipients,
                         Instant now) {
        return plan(new Naming(appId, index -> requestId, index -> index, DIRECT_SEND_DATA, null, true,
                ContextMaps.merged(eventAttributes)), requestId, traceId, message, template, recipients, now);
    }

    /**
     * A batch of one campaign run: each recipient is its own request, {@code requestIds.get(i)} with index 0, so a
     * delivery's id depends on the run and the endpoint alone (the dispatcher's record check then dedupes a
     * delivery queued twice). Deliveries carry {@code campaign} and the device SDKs' campaign data keys. An
     * endpoint whose channel the app lacks or disabled is a permanent failure of that endpoint, not of the batch.
     */
    public SendPlan planCampaign(String appId, List<String> requestIds, CampaignAttribution campaign,
                                 DirectMessageConfiguration message, TemplateConfiguration template,
                                 List<Recipient> recipients, Instant now) {
        Map<String, String> data = new LinkedHashMap<>();
        data.put("pinpoint.campaign.campaign_id", campaign.campaignId());
        data.put("pinpoint.campaign.treatment_id", campaign.treatmentId());
        if (campaign.activityId() != null) {
            data.put("pinpoint.campaign.campaign_activity_id", campaign.activityId());
        }
        return plan(new Naming(appId, requestIds::get, index -> 0, Map.copyOf(data), campaign, false, null),
                campaign.activityId(), null, message, template, recipients, now);
    }

    /** How a plan names its deliveries and what it attaches to them. */
    private record Naming(String appId, java.util.function.IntFunction<String> requestIdOf,
                          java.util.function.IntUnaryOperator indexOf, Map<String, String> pinpointData,
                          CampaignAttribution campaign, boolean unusableChannelFailsRequest,
                          Map<String, String> eventAttributes) {
    }

    private SendPlan plan(Naming naming, String requestId, String traceId, DirectMessageConfiguration message,
                          TemplateConfiguration template, List<Recipient> recipients, Instant now) {
        String appId = naming.appId();
        MessageTemplates.Personalization personalization = template == null ? null
                : templates.prepare(template.pushTemplate(), message);
        String timestamp = Timestamps.format(now);
        Map<Integer, MessageResult> decided = new LinkedHashMap<>();
        Map<Integer, Recipient> toSend = new LinkedHashMap<>();
        Set<String> addressesSeen = new HashSet<>();
        for (int index = 0; index < recipients.size(); index++) {
            Recipient recipient = recipients.get(index);
            MessageResult withoutProvider = decideWithoutProvider(recipient, addressesSeen);
            if (withoutProvider != null) {
                decided.put(index, withoutProvider);
            } else {
                toSend.put(index, recipient);
            }
        }
        if (naming.unusableChannelFailsRequest()) {
            requireUsableChannels(appId, toSend.values());
        } else {
            failUnusableChannels(appId, toSend, decided);
        }

        List<Delivery> deliveries = new ArrayList<>();
        toSend.forEach((index, recipient) -> {
            RenderRequest request;
            try {
                request = renderRequest(recipient, message, personalization, naming.pinpointData());
            } catch (MessageTemplates.Unrenderable e) {
                decided.put(index, MessageResult.permanentFailure(400, e.getMessage()));
                return;
            }
            RenderResult rendered = renderers.get(recipient.target().channelType()).render(request);
            if (rendered instanceof RenderResult.Rendered r) {
                deliveries.add(new Delivery(appId, naming.requestIdOf().apply(index), naming.indexOf().applyAsInt(index),
                        recipient.target(), traceId, r.push(), timestamp, naming.campaign(), naming.eventAttributes()));
            } else {
                decided.put(index, MessageResult.of(DeliveryResult.notRendered(rendered)));
            }
        });

        List<DeliveryOutcome> outcomes = decided.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new DeliveryOutcome(appId, naming.requestIdOf().apply(e.getKey()),
                        naming.indexOf().applyAsInt(e.getKey()), recipients.get(e.getKey()).target(), traceId,
                        e.getValue(), 0, timestamp, naming.campaign(), naming.eventAttributes()))
                .toList();
        return new SendPlan(appId, requestId, traceId, recipients.stream().map(Recipient::target).toList(),
                outcomes, deliveries);
    }

    /** The outcome of a recipient that needs no provider call, or null when it should be sent. */
    private static MessageResult decideWithoutProvider(Recipient recipient, Set<String> addressesSeen) {
        DeliveryTarget target = recipient.target();
        if (recipient.isMissingEndpoint()) {
            return MessageResult.permanentFailure(404, "Endpoint " + target.endpointId() + " not found");
        }
        if (recipient.endpoint() != null) {
            if (!recipient.endpoint().isActive()) {
                return MessageResult.permanentFailure(400,
                        "The endpoint is INACTIVE: a provider rejected its address, or it was deactivated");
            }
            if (recipient.endpoint().isOptedOut()) {
                return MessageResult.of(DeliveryStatus.OPT_OUT, 400, "The endpoint opted out of messages (OptOut ALL)");
            }
            if (target.channelType() == null || !target.channelType().isPush()) {
                return MessageResult.permanentFailure(400, "The endpoint's ChannelType " + target.channelType()
                        + " is not a push channel: Pinpush sends through " + Recipients.PUSH_CHANNELS);
            }
            if (target.address() == null || target.address().isBlank()) {
                return MessageResult.permanentFailure(400, "The endpoint has no Address");
            }
        }
        if (!addressesSeen.add(target.address())) {
            return MessageResult.of(DeliveryStatus.DUPLICATE, 400,
                    "Duplicate address: this request already sends to it once");
        }
        return null;
    }

    /** A channel that is missing, disabled, or that Pinpush cannot send through is the request's mistake. */
    private void requireUsableChannels(String appId, Iterable<Recipient> recipients) {
        Set<ChannelType> types = new LinkedHashSet<>();
        recipients.forEach(r -> types.add(r.target().channelType()));
        for (ChannelType type : types) {
            switch (channels.status(appId, type)) {
                case MISSING -> throw ApiError.badRequest("The app has no " + type
                        + " channel: create it before sending to " + type + " addresses");
                case DISABLED -> throw ApiError.badRequest("The app's " + type
                        + " channel is disabled: enable it before sending to " + type + " addresses");
                case ENABLED -> {
                    if (!renderers.containsKey(type)) {
                        throw ApiError.badRequest("Pinpush cannot send through the " + type + " channel yet");
                    }
                }
            }
        }
    }

    /** In a campaign, an endpoint whose channel cannot be used fails alone; the rest of the batch goes out. */
    private void failUnusableChannels(String appId, Map<Integer, Recipient> toSend, Map<Integer, MessageResult> decided) {
        Map<ChannelType, String> unusable = new java.util.EnumMap<>(ChannelType.class);
        toSend.values().forEach(r -> unusable.computeIfAbsent(r.target().channelType(), type -> {
            try {
                requireUsableChannels(appId, List.of(r));
                return null;
            } catch (ApiError e) {
                return e.getMessage();
            }
        }));
        toSend.entrySet().removeIf(entry -> {
            String reason = unusable.get(entry.getValue().target().channelType());
            if (reason != null) {
                decided.put(entry.getKey(), MessageResult.permanentFailure(400, reason));
            }
            return reason != null;
        });
    }

    /**
     * With a template, the recipient's message is the personalized one, its Substitutions already applied; they are
     * still handed on for the recipient's own BodyOverride, TitleOverride and RawContent, which the template never
     * saw ("the variables specified in this map take precedence over all other variables").
     */
    private static RenderRequest renderRequest(Recipient recipient, DirectMessageConfiguration message,
                                               MessageTemplates.Personalization personalization,
                                               Map<String, String> pinpointData) {
        Recipient.Overrides o = recipient.overrides();
        DirectMessageConfiguration content = personalization == null ? message
                : personalization.messageFor(recipient.endpoint(), o.substitutions());
        return new RenderRequest(recipient.target().channelType(), recipient.target().address(), recipient.endpoint(),
                content, o.body(), o.title(), o.rawContent(), o.substitutions(), o.context(), pinpointData);
    }
}
