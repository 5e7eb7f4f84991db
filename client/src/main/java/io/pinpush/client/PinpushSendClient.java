package io.pinpush.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.messaging.DirectSendRequest;
import io.pinpush.messaging.DirectSendResponse;
import io.pinpush.messaging.MessageRequest;
import io.pinpush.messaging.MessageResponse;
import io.pinpush.messaging.SendUsersMessageRequest;
import io.pinpush.messaging.SendUsersMessageResponse;
import java.io.IOException;
import java.util.Objects;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;

/**
 * Sends push notifications from another Lambda function by invoking Pinpush's send function directly: the same
 * requests and responses as Pinpoint's SendMessages and SendUsersMessages, without the HTTP API in between.
 *
 * <pre>{@code
 * PinpushSendClient pinpush = PinpushSendClient.builder().functionName("pinpush-send").build();
 * MessageResponse response = pinpush.sendMessages(appId, request);   // waits for the providers' answers
 * pinpush.enqueueMessages(appId, request);                           // InvocationType=Event: fire and forget
 * }</pre>
 *
 * Immutable and thread-safe once built; create it once per container, outside the handler method.
 */
public final class PinpushSendClient implements AutoCloseable {

    private final LambdaClient lambda;
    private final boolean ownsLambda;
    private final String functionName;

    private PinpushSendClient(LambdaClient lambda, boolean ownsLambda, String functionName) {
        this.lambda = lambda;
        this.ownsLambda = ownsLambda;
        this.functionName = functionName;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** SendMessages: waits for the outcome of each address (QUEUED for those still in flight at the function's deadline). */
    public MessageResponse sendMessages(String applicationId, MessageRequest request) {
        return invoke(DirectSendRequest.messages(applicationId, request)).messageResponse();
    }

    /** SendUsersMessages: waits for the outcome of each user's endpoints. */
    public SendUsersMessageResponse sendUsersMessages(String applicationId, SendUsersMessageRequest request) {
        return invoke(DirectSendRequest.usersMessages(applicationId, request)).sendUsersMessageResponse();
    }

    /**
     * SendMessages as an asynchronous invocation: returns once Lambda has accepted the event. Validation errors
     * are not reported back (see the function's logs and its asynchronous-invocation destination).
     */
    public void enqueueMessages(String applicationId, MessageRequest request) {
        invokeAsync(DirectSendRequest.messages(applicationId, request).asAsync());
    }

    /** SendUsersMessages as an asynchronous invocation; see {@link #enqueueMessages}. */
    public void enqueueUsersMessages(String applicationId, SendUsersMessageRequest request) {
        invokeAsync(DirectSendRequest.usersMessages(applicationId, request).asAsync());
    }

    private DirectSendResponse invoke(DirectSendRequest request) {
        InvokeResponse response = lambda.invoke(b -> b.functionName(functionName)
                .invocationType(InvocationType.REQUEST_RESPONSE)
                .payload(SdkBytes.fromUtf8String(Json.write(request))));
        String payload = response.payload() == null ? "" : response.payload().asUtf8String();
        if (response.functionError() != null) {
            throw new PinpushSendException("FunctionError", 500, functionErrorMessage(payload), null);
        }
        DirectSendResponse answer = Json.read(payload, DirectSendResponse.class);
        if (answer.error() != null) {
            DirectSendResponse.ErrorDetails error = answer.error();
            throw new PinpushSendException(error.type(), error.statusCode(), error.message(), error.requestId());
        }
        return answer;
    }

    private void invokeAsync(DirectSendRequest request) {
        lambda.invoke(b -> b.functionName(functionName).invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String(Json.write(request))));
    }

    private static String functionErrorMessage(String payload) {
        try {
            JsonNode error = Json.mapper().readTree(payload);
            return error.path("errorMessage").asText(payload);
        } catch (IOException | RuntimeException notJson) {
            return payload;
        }
    }

    @Override
    public void close() {
        if (ownsLambda) {
            lambda.close();
        }
    }

    /** Builds a {@link PinpushSendClient}; without a Lambda client it makes one from the default region and credentials. */
    public static final class Builder {
        private LambdaClient lambda;
        private String functionName = "pinpush-send";

        private Builder() {
        }

        /** The Lambda client to invoke with (its region, credentials and endpoint); the caller keeps owning it. */
        public Builder lambdaClient(LambdaClient lambdaClient) {
            this.lambda = Objects.requireNonNull(lambdaClient, "lambdaClient");
            return this;
        }

        /** The send function's name or ARN (default {@code pinpush-send}). */
        public Builder functionName(String name) {
            this.functionName = Objects.requireNonNull(name, "functionName");
            return this;
        }

        public PinpushSendClient build() {
            if (lambda != null) {
                return new PinpushSendClient(lambda, false, functionName);
            }
            return new PinpushSendClient(LambdaClient.builder().httpClient(UrlConnectionHttpClient.create()).build(),
                    true, functionName);
        }
    }
}
