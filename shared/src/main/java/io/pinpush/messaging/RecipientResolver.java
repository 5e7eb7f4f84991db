package io.pinpush.messaging;

import io.pinpush.endpoints.EndpointResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Turns the recipients a request names (addresses, endpoint ids, user ids) into {@link Recipient}s, in request order. */
public final class RecipientResolver {

    private final EndpointDirectory endpoints;

    public RecipientResolver(EndpointDirectory endpoints) {
        this.endpoints = endpoints;
    }

    /** Addresses first, then Endpoints (one batch lookup); unknown endpoint ids stay, to be reported as not found. */
    public List<Recipient> forMessages(String appId, MessageRequest request) {
        List<Recipient> recipients = new ArrayList<>();
        request.addresses().forEach((address, config) -> recipients.add(new Recipient(
                DeliveryTarget.address(address, config.channelType()), null,
                Recipient.Overrides.of(config, request.context()))));
        if (!request.endpoints().isEmpty()) {
            Map<String, EndpointResponse> found = endpoints.findAll(appId, request.endpoints().keySet());
            request.endpoints().forEach((endpointId, config) -> {
                EndpointResponse endpoint = found.get(endpointId);
                DeliveryTarget target = endpoint == null
                        ? new DeliveryTarget(null, null, endpointId, null)
                        : new DeliveryTarget(endpoint.address(), endpoint.channelType(), endpointId, null);
                recipients.add(new Recipient(target, endpoint, Recipient.Overrides.of(config, request.context())));
            });
        }
        return recipients;
    }

    /** Every ACTIVE endpoint of each user, users in request order; a user without one gets no recipient. */
    public List<Recipient> forUsers(String appId, SendUsersMessageRequest request) {
        List<Recipient> recipients = new ArrayList<>();
        request.users().forEach((userId, config) -> {
            for (EndpointResponse endpoint : endpoints.userEndpoints(appId, userId)) {
                if (endpoint.isActive()) {
                    recipients.add(new Recipient(
                            new DeliveryTarget(endpoint.address(), endpoint.channelType(), endpoint.id(), userId),
                            endpoint, Recipient.Overrides.of(config, request.context())));
                }
            }
        });
        return recipients;
    }
}
