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
        requireUsableChannels(appId, toSend.values());

        List<Delivery> deliveries = new ArrayList<>();
        toSend.forEach((index, recipient) -> {
            RenderRequest request;
            try {
                request = renderRequest(recipient, message, personalization);
            } catch (MessageTemplates.Unrenderable e) {
                decided.put(index, MessageResult.permanentFailure(400, e.getMessage()));
                return;
            }
            RenderResult rendered = renderers.get(recipient.target().channelType()).render(request);
            if (rendered instanceof RenderResult.Rendered r) {
                deliveries.add(new Delivery(appId, requestId, index, recipient.target(), traceId, r.push(), timestamp));
            } else {
                decided.put(index, MessageResult.of(DeliveryResult.notRendered(rendered)));
            }
        });

        List<DeliveryOutcome> outcomes = decided.entrySet().stream()
                .sorted(Map.Entry.comparingByKey())
                .map(e -> new DeliveryOutcome(appId, requestId, e.getKey(), recipients.get(e.getKey()).target(),
                        traceId, e.getValue(), 0, timestamp))
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

    /** With a template, the recipient's message is the personalized one, its Substitutions already applied. */
    private static RenderRequest renderRequest(Recipient recipient, DirectMessageConfiguration message,
                                               MessageTemplates.Personalization personalization) {
        Recipient.Overrides o = recipient.overrides();
        DirectMessageConfiguration content = personalization == null ? message
                : personalization.messageFor(recipient.endpoint(), o.substitutions());
        return new RenderRequest(recipient.target().channelType(), recipient.target().address(), recipient.endpoint(),
                content, o.body(), o.title(), o.rawContent(), personalization == null ? o.substitutions() : null,
                o.context(), DIRECT_SEND_DATA);
    }
}
