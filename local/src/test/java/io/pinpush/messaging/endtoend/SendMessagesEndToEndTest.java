package io.pinpush.messaging.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static io.pinpush.messaging.endtoend.PushStack.address;
import static io.pinpush.messaging.endtoend.PushStack.message;
import static org.awaitility.Awaitility.await;

import com.eatthepath.pushy.apns.server.RejectionReason;
import io.pinpush.api.Ids;
import io.pinpush.local.standins.FcmResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.model.AddressConfiguration;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.DeliveryStatus;
import software.amazon.awssdk.services.pinpoint.model.DirectMessageConfiguration;
import software.amazon.awssdk.services.pinpoint.model.EndpointMessageResult;
import software.amazon.awssdk.services.pinpoint.model.EndpointSendConfiguration;
import software.amazon.awssdk.services.pinpoint.model.MessageResponse;
import software.amazon.awssdk.services.pinpoint.model.MessageResult;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

/**
 * SendMessages through the real PinpointClient into the local server: send function, ElasticMQ, dispatcher,
 * the real provider clients, and the APNs and FCM stand-ins answering as the providers do.
 */
@ExtendWith(PushStack.PerClass.class)
class SendMessagesEndToEndTest {

    private static PushStack stack;

    @BeforeAll
    static void start(PushStack started) {
        stack = started;
    }

    @Test
    void anApnsNotificationIsDeliveredAndTheResponseCarriesApnsAnswer() {
        String app = stack.newApp();
        String token = stack.apnsToken();

        MessageResult result = sendOne(app, token, ChannelType.APNS);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.messageId()).isNotBlank();
        assertThat(stack.apnsReceived(token)).singleElement().satisfies(received -> {
            assertThat(received.topic()).isEqualTo(PushStack.BUNDLE_ID);
            assertThat(received.payload()).contains("Bob wants to play poker").contains("_DIRECT");
        });
    }

    @Test
    void anFcmNotificationIsDeliveredWithFcmsMessageName() {
        String app = stack.newApp();
        String token = PushStack.fcmToken();

        MessageResult result = sendOne(app, token, ChannelType.GCM);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.messageId()).startsWith("projects/");
        assertThat(stack.fcmReceived(token)).singleElement()
                .satisfies(r -> assertThat(r.body()).contains("Bob wants to play poker"));
    }

    @Test
    void anUnregisteredApnsTokenIsAPermanentFailureAndItsEndpointBecomesInactive() {
        String app = stack.newApp();
        String token = stack.apnsToken();
        stack.apns.unregisterDevice(token, Instant.now().minusSeconds(60));
        stack.endpoint(app, "iphone", token, ChannelType.APNS, "NONE", null);

        EndpointMessageResult result = sendToEndpoints(app, "iphone").endpointResult().get("iphone");

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(result.statusCode()).as("Pinpoint's 400 for an invalid token").isEqualTo(400);
        assertThat(result.statusMessage()).contains("Unregistered").contains("provider HTTP 410");
        assertThat(result.address()).isEqualTo(token);
        // The endpoint is updated right after the outcome is recorded, which the send may see first.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stack.endpointStatus(app, "iphone")).isEqualTo("INACTIVE"));
    }

    @Test
    void outcomesAndDeactivationsAreStreamedAsEvents() {
        String app = stack.newApp();
        String delivered = PushStack.fcmToken();
        String dead = PushStack.fcmToken();
        stack.fcm.respondTo(dead, FcmResponse.unregistered());
        stack.endpoint(app, "old-phone", dead, ChannelType.GCM, "NONE", null);

        send(app, Map.of(delivered, address(ChannelType.GCM), dead, address(ChannelType.GCM)), message());

        java.nio.file.Path events = stack.server.pinpush().config().eventFile().orElseThrow();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            List<String> lines = java.nio.file.Files.readAllLines(events).stream()
                    .filter(line -> line.contains(app)).toList();
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"_push.send\"").contains(delivered)
                    .contains("SUCCESSFUL"));
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"_push.send\"").contains(dead)
                    .contains("PERMANENT_FAILURE"));
            assertThat(lines).anySatisfy(line -> assertThat(line).contains("\"_endpoint.inactive\"")
                    .contains("old-phone"));
        });
    }

    @Test
    void anFcmTokenRejectedForGoodDeactivatesTheEndpointsHoldingTheRawAddress() {
        String app = stack.newApp();
        String token = PushStack.fcmToken();
        stack.fcm.respondTo(token, FcmResponse.unregistered());
        stack.endpoint(app, "pixel", token, ChannelType.GCM, "NONE", null);

        MessageResult result = sendOne(app, token, ChannelType.GCM);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(result.statusCode()).isEqualTo(400);
        assertThat(result.statusMessage()).contains("UNREGISTERED").contains("provider HTTP 404");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(stack.endpointStatus(app, "pixel")).isEqualTo("INACTIVE"));
    }

    @Test
    void aMalformedApnsTokenIsBadDeviceToken() {
        String app = stack.newApp();

        MessageResult result = sendOne(app, "not-a-device-token", ChannelType.APNS);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(result.statusCode()).isEqualTo(400);
        assertThat(result.statusMessage()).contains("BadDeviceToken");
    }

    @Test
    void aMessageFcmRefusesIsNotRetried() {
        String app = stack.newApp();
        String token = PushStack.fcmToken();
        stack.fcm.respondTo(token, FcmResponse.invalidMessage("Invalid value at 'message.android.ttl'"));

        MessageResult result = sendOne(app, token, ChannelType.GCM);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.UNKNOWN_FAILURE);
        assertThat(result.statusCode()).isEqualTo(400);
        assertThat(stack.fcmReceived(token)).hasSize(1);
    }

    @Test
    void throttlingIsRetriedAndIsFinalWhenAttemptsRunOut() {
        String app = stack.newApp();
        String token = stack.apnsToken();
        stack.apns.rejectWith(token, RejectionReason.TOO_MANY_REQUESTS);

        MessageResult result = sendOne(app, token, ChannelType.APNS);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.THROTTLED);
        assertThat(result.statusCode()).isEqualTo(429);
        assertThat(result.statusMessage()).contains("TooManyRequests").endsWith("gave up after 3 attempts");
        assertThat(stack.apnsReceived(token)).hasSize(PushStack.MAX_ATTEMPTS);
    }

    @Test
    void aTemporaryFailureThatPersistsIsFinalAfterTheLastAttempt() {
        String app = stack.newApp();
        String token = PushStack.fcmToken();
        stack.fcm.respondTo(token, FcmResponse.unavailable());

        MessageResult result = sendOne(app, token, ChannelType.GCM);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
        assertThat(result.statusCode()).isEqualTo(503);
        assertThat(result.statusMessage()).endsWith("gave up after 3 attempts");
        assertThat(stack.fcmReceived(token)).hasSize(PushStack.MAX_ATTEMPTS);
    }

    @Test
    void aServiceUnavailableAnswerIsRetriedAfterRetryAfterAndThenDelivered() {
        String app = stack.newApp();
        String token = PushStack.fcmToken();
        stack.fcm.respondTo(token, FcmResponse.unavailable().withHeader("Retry-After", "2"));

        CompletableFuture<MessageResponse> sending = CompletableFuture.supplyAsync(() ->
                send(app, Map.of(token, address(ChannelType.GCM)), message()));
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.fcmReceived(token).size() == 1);
        stack.fcm.respondTo(token, new FcmResponse(200, Map.of("Content-Type", "application/json"),
                "{\"name\": \"projects/p/messages/after-retry\"}"));
        MessageResult result = sending.join().result().get(token);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.messageId()).isEqualTo("projects/p/messages/after-retry");
        assertThat(stack.fcmReceived(token)).hasSize(2);
    }

    @Test
    void aDeliveryInFlightAtTheDeadlineIsQueuedAndItsFinalOutcomeIsRecorded() {
        String app = stack.newApp();
        String token = PushStack.fcmToken();
        stack.fcm.respondTo(token, FcmResponse.unavailable().withHeader("Retry-After", "7"));

        MessageResponse response = send(app, Map.of(token, address(ChannelType.GCM)), message());

        MessageResult queued = response.result().get(token);
        assertThat(queued.deliveryStatusAsString()).isEqualTo("QUEUED");
        assertThat(queued.statusCode()).isEqualTo(202);
        stack.fcm.respondTo(token, new FcmResponse(200, Map.of("Content-Type", "application/json"),
                "{\"name\": \"projects/p/messages/late\"}"));
        await().atMost(Duration.ofSeconds(20)).untilAsserted(() ->
                assertThat(stack.server.pinpush().deliveries().outcomes(response.requestId())).singleElement()
                        .satisfies(outcome -> {
                            assertThat(outcome.result().deliveryStatus())
                                    .isEqualTo(io.pinpush.messaging.DeliveryStatus.SUCCESSFUL);
                            assertThat(outcome.result().messageId()).isEqualTo("projects/p/messages/late");
                            assertThat(outcome.attempts()).isEqualTo(2);
                        }));
    }

    @Test
    void duplicatesOptedOutEndpointsAndPayloadsTooLargeAreAnsweredWithoutAProvider() {
        String app = stack.newApp();
        String token = stack.apnsToken();
        String optedOut = stack.apnsToken();
        String big = stack.apnsToken();
        stack.endpoint(app, "same-device", token, ChannelType.APNS, "NONE", null);
        stack.endpoint(app, "opted-out", optedOut, ChannelType.APNS, "ALL", null);
        Map<String, AddressConfiguration> addresses = new LinkedHashMap<>();
        addresses.put(token, address(ChannelType.APNS));
        addresses.put(big, AddressConfiguration.builder().channelType(ChannelType.APNS)
                .bodyOverride("x".repeat(5000)).build());

        MessageResponse response = stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(m -> m
                .addresses(addresses)
                .endpoints(Map.of("same-device", EndpointSendConfiguration.builder().build(),
                        "opted-out", EndpointSendConfiguration.builder().build()))
                .messageConfiguration(message()))).messageResponse();

        assertThat(response.result().get(token).deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(response.result().get(big)).satisfies(r -> {
            assertThat(r.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.statusMessage()).contains("4096");
        });
        assertThat(response.endpointResult().get("same-device").deliveryStatus()).isEqualTo(DeliveryStatus.DUPLICATE);
        assertThat(response.endpointResult().get("opted-out").deliveryStatus()).isEqualTo(DeliveryStatus.OPT_OUT);
        assertThat(stack.apnsReceived(token)).hasSize(1);
        assertThat(stack.apnsReceived(optedOut)).isEmpty();
        assertThat(stack.apnsReceived(big)).isEmpty();
        assertThat(stack.server.pinpush().deliveries().outcomes(response.requestId())).hasSize(4);
    }

    @Test
    void aPushTemplateIsPersonalizedForEachEndpoint() {
        String app = stack.newApp();
        String template = "welcome-" + Ids.newId();
        stack.pinpoint.createPushTemplate(b -> b.templateName(template).pushNotificationTemplateRequest(r -> r
                .apns(a -> a.title("Welcome").body("Hi {{User.UserAttributes.FirstName}}, you have {{Pets}} pets"))
                .defaultSubstitutions("{\"User.UserAttributes.FirstName\": \"friend\"}")));
        String ada = stack.apnsToken();
        String anonymous = stack.apnsToken();
        stack.pinpoint.updateEndpoint(b -> b.applicationId(app).endpointId("ada").endpointRequest(r -> r.address(ada)
                .channelType(ChannelType.APNS)
                .user(u -> u.userId("ada").userAttributes(Map.of("FirstName", List.of("Ada"))))));
        stack.endpoint(app, "anonymous", anonymous, ChannelType.APNS, "NONE", null);

        MessageResponse response = stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(m -> m
                .endpoints(Map.of(
                        "ada", EndpointSendConfiguration.builder().substitutions(Map.of("Pets", List.of("2"))).build(),
                        "anonymous", EndpointSendConfiguration.builder().build()))
                .messageConfiguration(DirectMessageConfiguration.builder().build())
                .templateConfiguration(t -> t.pushTemplate(p -> p.name(template))))).messageResponse();

        assertThat(response.endpointResult().values())
                .allSatisfy(r -> assertThat(r.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL));
        assertThat(stack.apnsReceived(ada)).singleElement()
                .satisfies(r -> assertThat(r.payload()).contains("Hi Ada, you have 2 pets"));
        assertThat(stack.apnsReceived(anonymous)).singleElement()
                .satisfies(r -> assertThat(r.payload()).contains("Hi friend, you have  pets"));

        // A recipient's own BodyOverride takes its Substitutions too, with a template as without one.
        String coupon = stack.apnsToken();
        stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(m -> m
                .addresses(Map.of(coupon, AddressConfiguration.builder().channelType(ChannelType.APNS)
                        .bodyOverride("Code {{Coupon}}").substitutions(Map.of("Coupon", List.of("X42"))).build()))
                .messageConfiguration(DirectMessageConfiguration.builder().build())
                .templateConfiguration(t -> t.pushTemplate(p -> p.name(template)))));
        assertThat(stack.apnsReceived(coupon)).singleElement()
                .satisfies(r -> assertThat(r.payload()).contains("Code X42"));
    }

    @Test
    void anUnknownTemplateIsNotFoundAndNothingIsSent() {
        String app = stack.newApp();
        String token = stack.apnsToken();

        assertThatThrownBy(() -> stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(m -> m
                .addresses(Map.of(token, address(ChannelType.APNS)))
                .messageConfiguration(DirectMessageConfiguration.builder().build())
                .templateConfiguration(t -> t.pushTemplate(p -> p.name("no-such-template"))))))
                .isInstanceOf(NotFoundException.class);

        assertThat(stack.apnsReceived(token)).isEmpty();
    }

    @Test
    void moreThanOneHundredAddressesIsABadRequestAndNothingIsQueued() {
        String app = stack.newApp();
        Map<String, AddressConfiguration> addresses = new LinkedHashMap<>();
        IntStream.range(0, 101).forEach(i -> addresses.put(PushStack.fcmToken(), address(ChannelType.GCM)));
        int sendsBefore = stack.fcm.sendRequests().size();

        assertThatThrownBy(() -> send(app, addresses, message()))
                .isInstanceOfSatisfying(BadRequestException.class, e -> assertThat(e.statusCode()).isEqualTo(400))
                .hasMessageContaining("At most 100 Addresses per request, got 101");

        assertThat(stack.queuedMessages()).isZero();
        assertThat(stack.fcm.sendRequests()).hasSize(sendsBefore);
    }

    @Test
    void aDisabledChannelIsABadRequest() {
        String app = stack.newApp();
        stack.pinpoint.updateGcmChannel(b -> b.applicationId(app).gcmChannelRequest(r -> r.enabled(false)));

        assertThatThrownBy(() -> send(app, Map.of(PushStack.fcmToken(), address(ChannelType.GCM)), message()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("GCM channel is disabled");
    }

    @Test
    void aRedeliveredMessageWhoseOutcomeIsRecordedPushesNothing() {
        String app = stack.newApp();
        String token = stack.apnsToken();
        MessageResponse response = send(app, Map.of(token, address(ChannelType.APNS)), message());
        var recorded = stack.server.pinpush().deliveries().outcomes(response.requestId());
        assertThat(stack.apnsReceived(token)).hasSize(1);

        // SQS handing the same delivery over once more.
        var outcome = recorded.get(0);
        var again = new io.pinpush.messaging.Delivery(app, outcome.requestId(), outcome.index(), outcome.target(), null,
                new io.pinpush.providers.RenderedPush(io.pinpush.channels.ChannelType.APNS, token,
                        "{\"aps\":{\"alert\":\"again\"}}", Map.of("apns-push-type", "alert"), null),
                outcome.finishedAt());
        stack.server.pinpush().aws().sqs().sendMessage(b -> b.queueUrl(stack.deliveryQueueUrl())
                .messageBody(io.pinpush.api.Json.write(again)));
        await().atMost(Duration.ofSeconds(10)).until(() -> stack.queuedMessages() == 0);

        assertThat(stack.apnsReceived(token)).hasSize(1);
        assertThat(stack.server.pinpush().deliveries().outcomes(response.requestId())).isEqualTo(recorded);
    }

    @Test
    void aDeliveryThatReachesTheDeadLetterQueueIsRecordedUnknownFailureAndStreamed() {
        String app = stack.newApp();
        String token = stack.apnsToken();
        String requestId = java.util.UUID.randomUUID().toString();
        var delivery = new io.pinpush.messaging.Delivery(app, requestId, 0,
                io.pinpush.messaging.DeliveryTarget.address(token, io.pinpush.channels.ChannelType.APNS), "e2e",
                new io.pinpush.providers.RenderedPush(io.pinpush.channels.ChannelType.APNS, token,
                        "{\"aps\":{\"alert\":\"never settled\"}}", Map.of("apns-push-type", "alert"), null),
                "2026-12-05T00:00:00Z");
        var sqs = stack.server.pinpush().aws().sqs();
        String deadLetters = sqs.getQueueUrl(b -> b.queueName(io.pinpush.local.LocalQueues.DEAD_LETTER_QUEUE)).queueUrl();

        // As SQS's redrive policy moves a delivery whose every receive ended without an outcome.
        sqs.sendMessage(b -> b.queueUrl(deadLetters).messageBody(io.pinpush.api.Json.write(delivery)));

        await().atMost(Duration.ofSeconds(15)).untilAsserted(() ->
                assertThat(stack.server.pinpush().deliveries().outcomes(requestId)).singleElement()
                        .satisfies(o -> assertThat(o.result()).isEqualTo(io.pinpush.messaging.DeadLetterSettler.NO_OUTCOME)));
        java.nio.file.Path events = stack.server.pinpush().config().eventFile().orElseThrow();
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> assertThat(java.nio.file.Files.readAllLines(events))
                .filteredOn(line -> line.contains(app) && line.contains("\"_push.send\""))
                .singleElement().satisfies(line -> assertThat(line).contains("UNKNOWN_FAILURE").contains(token)));
    }

    private static MessageResponse send(String app, Map<String, AddressConfiguration> addresses,
                                        DirectMessageConfiguration message) {
        return stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(m -> m
                .addresses(addresses).messageConfiguration(message).traceId("e2e"))).messageResponse();
    }

    private static MessageResult sendOne(String app, String address, ChannelType type) {
        return send(app, Map.of(address, address(type)), message()).result().get(address);
    }

    private static MessageResponse sendToEndpoints(String app, String... endpointIds) {
        Map<String, EndpointSendConfiguration> endpoints = new LinkedHashMap<>();
        for (String id : endpointIds) {
            endpoints.put(id, EndpointSendConfiguration.builder().build());
        }
        return stack.pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(m -> m
                .endpoints(endpoints).messageConfiguration(message()))).messageResponse();
    }
}
