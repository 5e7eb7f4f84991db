package io.pinpush.messaging;

import io.pinpush.api.ApiError;
import java.util.Map;

/**
 * Pinpoint's SendUsersMessageRequest: Specifies the configuration and other settings for a message to send to all
 * the endpoints that are associated with a list of users. Validated like {@link MessageRequest}.
 */
public record SendUsersMessageRequest(
        Map<String, String> context,
        DirectMessageConfiguration messageConfiguration,
        TemplateConfiguration templateConfiguration,
        String traceId,
        Map<String, EndpointSendConfiguration> users) {

    public static final int MAX_USERS = 100;

    public SendUsersMessageRequest {
        users = Recipients.orderedCopy(users);
        context = Recipients.orderedCopy(context);
        Recipients.requireMessage(messageConfiguration, templateConfiguration);
        if (users.isEmpty()) {
            throw ApiError.badRequest("Users is required: the ids of the users to send the message to");
        }
        Recipients.requireAtMost(users.size(), MAX_USERS, "Users");
        users.keySet().forEach(userId -> Recipients.requireKey(userId, "Users"));
    }
}
