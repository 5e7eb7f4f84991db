package io.pinpush.messaging;

import io.pinpush.api.ApiError;

/**
 * The payload other Lambda functions invoke the send function with, instead of going through the HTTP API:
 * {@code {"ApplicationId": "...", "MessageRequest": {...}}} or {@code {"ApplicationId": "...",
 * "SendUsersMessageRequest": {...}}}. The answer is a {@link DirectSendResponse}.
 *
 * @param async true to return as soon as the deliveries are queued (every queued delivery reports QUEUED).
 *              Set it when invoking with InvocationType=Event: nobody reads that answer, so waiting is wasted.
 */
public record DirectSendRequest(String applicationId, MessageRequest messageRequest,
                                SendUsersMessageRequest sendUsersMessageRequest, Boolean async) {

    public DirectSendRequest {
        if (applicationId == null || applicationId.isBlank()) {
            throw ApiError.badRequest("ApplicationId is required");
        }
        if ((messageRequest == null) == (sendUsersMessageRequest == null)) {
            throw ApiError.badRequest("Exactly one of MessageRequest and SendUsersMessageRequest is required");
        }
    }

    public static DirectSendRequest messages(String applicationId, MessageRequest request) {
        return new DirectSendRequest(applicationId, request, null, null);
    }

    public static DirectSendRequest usersMessages(String applicationId, SendUsersMessageRequest request) {
        return new DirectSendRequest(applicationId, null, request, null);
    }

    public DirectSendRequest asAsync() {
        return new DirectSendRequest(applicationId, messageRequest, sendUsersMessageRequest, true);
    }

    public boolean isAsync() {
        return Boolean.TRUE.equals(async);
    }
}
