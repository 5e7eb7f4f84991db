package io.pinpush.functions.priming;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.functions.EventJson;
import io.pinpush.messaging.Delivery;
import io.pinpush.messaging.DirectSendRequest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * Warm-ups for the send and dispatcher functions. Like {@link ApiPriming}, none reaches a store, the queue or a
 * provider: they exercise JSON mapping and the send function's request path up to where validation rejects it.
 */
public final class MessagingPriming {

    /**
     * The body of one delivery-queue message (an SQS record body the dispatcher reads), and a direct invocation
     * of the send function.
     */
    private static final Map<Class<?>, String> PAYLOADS = Map.of(
            Delivery.class, "{\"AppId\":\"priming\",\"RequestId\":\"priming\",\"Index\":0,"
                    + "\"Target\":{\"Address\":\"token\",\"ChannelType\":\"GCM\",\"EndpointId\":\"ep\",\"UserId\":\"u\"},"
                    + "\"TraceId\":\"t\",\"Push\":{\"ChannelType\":\"GCM\",\"Address\":\"token\","
                    + "\"Body\":\"{\\\"message\\\":{\\\"token\\\":\\\"token\\\"}}\",\"Headers\":{\"apns-priority\":\"10\"},"
                    + "\"ExpiresAtEpochMs\":1,\"AuthenticationMethod\":\"TOKEN\"},\"QueuedAt\":\"2024-01-01T00:00:00Z\"}",
            DirectSendRequest.class, "{\"ApplicationId\":\"priming\",\"MessageRequest\":{\"Addresses\":{"
                    + "\"token\":{\"ChannelType\":\"APNS\"}},\"MessageConfiguration\":{\"APNSMessage\":{\"Body\":\"b\"}}},\"Async\":true}");

    private MessagingPriming() {
    }

    /** The send function's stream handler, without the Lambda context. */
    @FunctionalInterface
    public interface StreamFunction {
        void handle(InputStream input, OutputStream output) throws IOException;
    }

    /**
     * Reads and writes each representative payload with the one ObjectMapper, building its serializers.
     * A payload must come back whole: a member the mapper ignored would leave its classes cold.
     */
    public static void json() {
        ApiPriming.json();
        PAYLOADS.forEach((type, json) -> {
            String written = Json.write(Json.read(json, type));
            if (!keeps(Json.read(json, JsonNode.class), Json.read(written, JsonNode.class))) {
                throw new IllegalStateException(type.getSimpleName() + " does not survive a JSON round trip");
            }
        });
    }

    /** Whether every member of {@code original} is in {@code written} (which may add defaults). */
    private static boolean keeps(JsonNode original, JsonNode written) {
        if (!original.isObject()) {
            return original.equals(written);
        }
        for (var members = original.fields(); members.hasNext(); ) {
            var member = members.next();
            if (!written.has(member.getKey()) || !keeps(member.getValue(), written.get(member.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /**
     * Invokes the send function the two ways it is reached, each with a request validation rejects before any
     * store is read: an HTTP SendMessages whose body has the wrong type, and a direct invocation without a message.
     *
     * @throws IllegalStateException when an answer is not the expected client error
     */
    public static void sendFunction(StreamFunction function) {
        sendFunction(function, false);
    }

    /** As {@link #sendFunction(StreamFunction)}; with access keys enforced the unsigned HTTP send is refused (403). */
    public static void sendFunction(StreamFunction function, boolean keysEnforced) {
        JsonNode http = invoke(function, httpEvent());
        int expected = keysEnforced ? 403 : 400;
        if (http.path("statusCode").asInt() != expected) {
            throw new IllegalStateException("Priming SendMessages answered " + http.path("statusCode") + ", expected "
                    + expected + ": " + http.path("body").asText());
        }
        JsonNode direct = invoke(function, "{\"ApplicationId\":\"priming\"}");
        if (direct.path("Error").path("StatusCode").asInt() != 400) {
            throw new IllegalStateException("Priming direct send answered " + direct + ", expected a 400 Error");
        }
    }

    private static String httpEvent() {
        try {
            return EventJson.mapper().writeValueAsString(
                    ApiPriming.event("POST", "/v1/apps/priming/messages", "{\"Addresses\":5}"));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode invoke(StreamFunction function, String event) {
        ByteArrayOutputStream output = new ByteArrayOutputStream();
        try {
            function.handle(new ByteArrayInputStream(event.getBytes(StandardCharsets.UTF_8)), output);
            return Json.mapper().readTree(output.toByteArray());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
