package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.channels.ChannelType;
import io.pinpush.functions.DispatcherHandler;
import io.pinpush.providers.ProviderOutcome;
import io.pinpush.local.LocalContext;
import io.pinpush.testing.EventSamples;
import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The sample events in events/ replayed through SendHandler, DispatcherHandler and DeadLetterHandler, as Lambda would
 * deliver them.
 */
class HandlerEventsTest {

    static final String APNS_TOKEN = "5f6aa01d8e3358949b7c25d461bb78ad740f4707462c7eafbebcf74fa5ddb387";
    static final String GCM_TOKEN = "fcm-sample-token:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx";

    private static MessagingHarness harness;

    @BeforeAll
    static void start() {
        harness = new MessagingHarness();
    }

    @AfterAll
    static void stop() {
        harness.close();
    }

    @Test
    void anApiGatewaySendMessagesEventIsAnsweredWithTheProvidersOutcomes() {
        String app = harness.newApp();
        String requestId = UUID.randomUUID().toString();
        String event = EventSamples.forApp("apigw-send-messages.json", app).replace("Rb6aQjTSoAMEbXA=", requestId);

        JsonNode response = EventSamples.invoke(harness.sendHandler(), event);

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        assertThat(response.path("headers").path("X-Amzn-RequestId").asText()).isEqualTo(requestId);
        JsonNode body = EventSamples.readJson(response.path("body").asText());
        assertThat(body.path("ApplicationId").asText()).isEqualTo(app);
        assertThat(body.path("RequestId").asText()).isEqualTo(requestId);
        assertThat(body.path("Result").path(APNS_TOKEN).path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(body.path("Result").path(GCM_TOKEN).path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(harness.gateway.pushesTo(APNS_TOKEN)).anySatisfy(p -> assertThat(p.body()).contains("Game Request"));
    }

    @Test
    void anApiGatewayEventWithAMistakeIsAPinpointError() {
        String event = EventSamples.forApp("apigw-send-messages.json", "0123456789abcdef0123456789abcdef");

        JsonNode response = EventSamples.invoke(harness.sendHandler(), event);

        assertThat(response.path("statusCode").asInt()).isEqualTo(404);
        assertThat(response.path("headers").path("X-Amzn-ErrorType").asText()).isEqualTo("NotFoundException");
    }

    @Test
    void anApiGatewaySendUsersMessagesEventReachesTheUsersEndpoints() {
        String app = harness.newApp();
        harness.endpoint(app, "alice-phone", MessagingFlowTest.token(), ChannelType.APNS, "ACTIVE", "NONE", "user-alice");
        String event = EventSamples.forApp("apigw-send-users-messages.json", app)
                .replace("Rb6aQjTSoAMEbXB=", UUID.randomUUID().toString());

        JsonNode response = EventSamples.invoke(harness.sendHandler(), event);

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        JsonNode result = EventSamples.readJson(response.path("body").asText()).path("Result");
        assertThat(result.path("user-alice").path("alice-phone").path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(result.path("user-bob").isObject()).isTrue();
        assertThat(result.path("user-bob").size()).isZero();
    }

    @Test
    void aDirectMessageRequestIsAnsweredWithAMessageResponse() {
        String app = harness.newApp();

        JsonNode response = EventSamples.invoke(harness.sendHandler(), EventSamples.forApp("direct-send-messages.json", app));

        JsonNode messageResponse = response.path("MessageResponse");
        assertThat(messageResponse.path("ApplicationId").asText()).isEqualTo(app);
        assertThat(messageResponse.path("RequestId").asText()).isNotBlank();
        assertThat(messageResponse.path("Result").path(APNS_TOKEN).path("StatusCode").asInt()).isEqualTo(200);
        assertThat(response.has("Error")).isFalse();
    }

    @Test
    void aDirectSendUsersMessageRequestIsAnsweredWithASendUsersMessageResponse() {
        String app = harness.newApp();
        harness.endpoint(app, "bob-tablet", MessagingFlowTest.token(), ChannelType.GCM, "ACTIVE", "NONE", "user-bob");

        JsonNode response = EventSamples.invoke(harness.sendHandler(), EventSamples.forApp("direct-send-users-messages.json", app));

        assertThat(response.path("SendUsersMessageResponse").path("Result").path("user-bob").path("bob-tablet")
                .path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
    }

    @Test
    void anAsyncDirectRequestReturnsOnceQueued() {
        String app = harness.newApp();
        String payload = EventSamples.forApp("direct-send-messages.json", app).replaceFirst("\\{", "{\"Async\": true,");

        JsonNode response = EventSamples.invoke(harness.sendHandler(), payload);

        assertThat(response.path("MessageResponse").path("Result").path(APNS_TOKEN).path("DeliveryStatus").asText())
                .isEqualTo("QUEUED");
        assertThat(response.path("MessageResponse").path("Result").path(APNS_TOKEN).path("StatusCode").asInt())
                .isEqualTo(202);
    }

    @Test
    void aDirectRequestWithAMistakeIsAnErrorAnswerNotAFunctionError() {
        JsonNode unknownApp = EventSamples.invoke(harness.sendHandler(), EventSamples.forApp("direct-send-messages.json", "0123456789abcdef0123456789abcdef"));
        assertThat(unknownApp.path("Error").path("Type").asText()).isEqualTo("NotFoundException");
        assertThat(unknownApp.path("Error").path("StatusCode").asInt()).isEqualTo(404);
        assertThat(unknownApp.path("Error").path("RequestID").asText()).isNotBlank();

        JsonNode malformed = EventSamples.invoke(harness.sendHandler(), "{\"ApplicationId\": \"x\", \"MessageRequest\": {\"Addresses\": 5}}");
        assertThat(malformed.path("Error").path("Type").asText()).isEqualTo("BadRequestException");
        assertThat(malformed.path("Error").path("Message").asText()).contains("MessageRequest.Addresses");
    }

    @Test
    void anSqsEventIsDispatchedAndItsOutcomeRecorded() throws IOException {
        String app = harness.newApp();
        String requestId = UUID.randomUUID().toString();
        String event = EventSamples.forApp("sqs-delivery.json", app).replace("2f1c7a52-6b1e-4c4e-9d53-sample000001", requestId);
        int before = harness.gateway.pushesTo(APNS_TOKEN).size();

        JsonNode response = EventSamples.invoke(harness.dispatcherHandler(), event);

        assertThat(response.path("batchItemFailures").isArray()).isTrue();
        assertThat(response.path("batchItemFailures")).isEmpty();
        assertThat(harness.gateway.pushesTo(APNS_TOKEN)).hasSize(before + 1);
        assertThat(harness.gateway.pushesTo(APNS_TOKEN).get(before).headers()).containsEntry("apns-push-type", "alert");
        assertThat(harness.store.outcomes(requestId)).singleElement().satisfies(o -> {
            assertThat(o.appId()).isEqualTo(app);
            assertThat(o.result().deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
            assertThat(o.traceId()).isEqualTo("sample-trace-1");
        });

        JsonNode replay = EventSamples.invoke(harness.dispatcherHandler(), event);
        assertThat(replay.path("batchItemFailures").isArray()).isTrue();
        assertThat(replay.path("batchItemFailures")).isEmpty();
        assertThat(harness.gateway.pushesTo(APNS_TOKEN)).as("a replayed delivery is not pushed again").hasSize(before + 1);
    }

    @Test
    void aPushAnsweredAfterTheDeadlineHasItsOutcomeFlushedWhenItComesNotAtTheNextInvocation() throws IOException {
        String app = harness.newApp();
        String requestId = UUID.randomUUID().toString();
        String event = EventSamples.forApp("sqs-delivery.json", app).replace("2f1c7a52-6b1e-4c4e-9d53-sample000001", requestId);
        var held = harness.gateway.holdNext(APNS_TOKEN);
        // What was heard of the delivery each time the handler's flush (events, counts) ran.
        List<Integer> heardAtFlush = new java.util.concurrent.CopyOnWriteArrayList<>();
        DispatcherHandler handler = new DispatcherHandler(harness.dispatcher, harness.clock,
                () -> heardAtFlush.add(harness.listener.of(requestId).size()));
        int deadlineMs = 300;

        JsonNode response = EventSamples.invoke(handler, event,
                new LocalContext((int) DispatcherHandler.SETTLE_MARGIN.toMillis() + deadlineMs));

        assertThat(response.path("batchItemFailures")).as("left on the queue").hasSize(1);
        assertThat(heardAtFlush).containsExactly(0);
        held.complete(new ProviderOutcome.Delivered(200, "late-id", null));
        // The instance may get no next invocation (Lambda may discard it): the late outcome's flush cannot wait for one.
        Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> heardAtFlush.contains(1));
        assertThat(harness.store.outcomes(requestId)).singleElement()
                .satisfies(o -> assertThat(o.result().messageId()).isEqualTo("late-id"));
    }

    @Test
    void unreadableSqsRecordsAreBatchItemFailuresAndTheOthersAreSettled() throws IOException {
        String app = harness.newApp();
        String requestId = UUID.randomUUID().toString();
        ObjectNode event = (ObjectNode) EventSamples.readJson(EventSamples.forApp("sqs-delivery.json", app)
                .replace("2f1c7a52-6b1e-4c4e-9d53-sample000001", requestId));
        ArrayNode records = (ArrayNode) event.path("Records");
        records.addObject().put("messageId", "poison-1").put("receiptHandle", "not-a-real-handle").put("body", "[]");
        records.addObject().put("messageId", "poison-2").put("receiptHandle", "not-a-real-handle").putObject("body");

        JsonNode response = EventSamples.invoke(harness.dispatcherHandler(), event.toString());

        assertThat(response.path("batchItemFailures")).extracting(failure -> failure.path("itemIdentifier").asText())
                .containsExactly("poison-1", "poison-2");
        assertThat(harness.store.outcomes(requestId)).singleElement()
                .satisfies(o -> assertThat(o.result().deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL));
    }

    @Test
    void aDeadLetteredSqsEventGetsAnOutcomeWhereNoneIsAndItsPoisonRecordGoesToThePoisonQueue() throws IOException {
        String app = harness.newApp();
        String requestId = UUID.randomUUID().toString();
        String event = EventSamples.forApp("sqs-dead-letter.json", app).replace("7c0e8f3a-2d41-4b7e-a5c9-sample000002", requestId);
        List<Delivery> bundle = DeliveryBundle.read(EventSamples.readJson(event).path("Records").path(0).path("body").asText());
        // The dispatcher had settled the bundle's first member; the second had no outcome by the last receive.
        DeliveryOutcome delivered = bundle.get(0).outcome(MessageResult.of(DeliveryStatus.SUCCESSFUL, 200, "OK"), 1,
                "2025-03-01T10:00:01.000Z");
        assertThat(harness.store.recordFirsts(List.of(delivered))).containsExactly(DeliveryStore.Recorded.WRITTEN);

        for (int replay = 0; replay < 2; replay++) {
            JsonNode response = EventSamples.invoke(harness.deadLetterHandler(), event);

            assertThat(response.path("batchItemFailures").isArray()).isTrue();
            assertThat(response.path("batchItemFailures")).as("every record is done with").isEmpty();
            assertThat(harness.store.outcomes(requestId)).extracting(o -> o.result().deliveryStatus())
                    .containsExactly(DeliveryStatus.SUCCESSFUL, DeliveryStatus.UNKNOWN_FAILURE);
            assertThat(harness.listener.of(requestId)).as("heard once, however often it is replayed")
                    .extracting(DeliveryOutcome::index).containsExactly(1);
        }
        // The poison record was kept once per replay (at least once, as SQS itself), with the id it had.
        assertThat(harness.sqs().receiveMessage(b -> b.queueUrl(harness.poisonUrl).maxNumberOfMessages(10)
                .messageAttributeNames("All")).messages()).hasSize(2).allSatisfy(kept -> {
                    JsonNode poison = EventSamples.readJson(event).path("Records").path(1);
                    assertThat(kept.body()).isEqualTo(poison.path("body").asText());
                    assertThat(kept.messageAttributes().get("DeadLetterMessageId").stringValue())
                            .isEqualTo(poison.path("messageId").asText());
                });
    }
}
