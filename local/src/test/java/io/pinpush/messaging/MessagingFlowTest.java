package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.pinpush.api.ApiError;
import io.pinpush.api.Ids;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.local.LocalDispatcher;
import io.pinpush.local.LocalQueues;
import io.pinpush.providers.ProviderOutcome;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.stream.IntStream;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.dynamodb.model.BatchExecuteStatementRequest;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The send → SQS → dispatcher → outcome flow on real DynamoDB Local and ElasticMQ, with a scripted provider
 * stand-in. (The end-to-end tests with the real provider clients go through the local server and PinpointClient.)
 */
class MessagingFlowTest {

    private static final Duration WAIT = Duration.ofSeconds(10);
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
    void theResponseCarriesTheProvidersOutcomeAndItIsRecorded() {
        String app = harness.newApp();
        String token = token();

        MessageResponse response = harness.messaging.sendMessages(app, addresses(token), requestId(), WAIT);

        MessageResult result = response.result().get(token);
        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.messageId()).startsWith("msg-" + token);
        assertThat(response.applicationId()).isEqualTo(app);
        assertThat(harness.store.outcomes(response.requestId())).singleElement().satisfies(o -> {
            assertThat(o.result().deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
            assertThat(o.attempts()).isEqualTo(1);
            assertThat(o.traceId()).isEqualTo("trace-1");
        });
        assertThat(harness.store.request(response.requestId())).hasValueSatisfying(r -> {
            assertThat(r.appId()).isEqualTo(app);
            assertThat(r.deliveries()).isEqualTo(1);
        });
        assertThat(harness.listener.of(response.requestId())).hasSize(1);
    }

    @Test
    void aTemporaryFailureIsRetriedUntilItSucceeds() {
        String app = harness.newApp();
        String token = token();
        harness.gateway.script(token, new ProviderOutcome.Rejected(503, "ServiceUnavailable", false, true, null));

        MessageResult result = harness.messaging.sendMessages(app, addresses(token), requestId(), WAIT)
                .result().get(token);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(harness.gateway.pushesTo(token)).hasSize(2);
    }

    @Test
    void retryAfterFromTheProviderHoldsTheMessageBack() {
        String app = harness.newApp();
        String token = token();
        harness.gateway.script(token, new ProviderOutcome.Rejected(429, "TooManyRequests", false, true,
                Duration.ofSeconds(2)));
        long started = System.nanoTime();

        MessageResult result = harness.messaging.sendMessages(app, addresses(token), requestId(), WAIT)
                .result().get(token);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
    }

    @Test
    void deliveriesAreQueuedTenToAMessageInOrder() {
        // A queue no dispatcher drains, so the messages can be looked at.
        String url = harness.sqs().createQueue(b -> b.queueName("bundles-" + Ids.newId())).queueUrl();
        String requestId = requestId();
        List<Delivery> deliveries = IntStream.range(0, 25).mapToObj(i -> queuedDelivery(requestId, i)).toList();

        assertThat(new DeliveryQueue(harness::sqs, () -> url).enqueue(deliveries)).isEmpty();

        List<List<Delivery>> messages = new java.util.ArrayList<>();
        for (var received = receive(url); !received.isEmpty(); received = receive(url)) {
            received.forEach(m -> messages.add(DeliveryBundle.read(m.body())));
        }
        assertThat(messages).extracting(List::size).containsExactlyInAnyOrder(10, 10, 5);
        assertThat(messages.stream().flatMap(List::stream).sorted(java.util.Comparator.comparingInt(Delivery::index)))
                .containsExactlyElementsOf(deliveries);
    }

    private static List<software.amazon.awssdk.services.sqs.model.Message> receive(String url) {
        return harness.sqs().receiveMessage(b -> b.queueUrl(url).maxNumberOfMessages(10).waitTimeSeconds(0)).messages();
    }

    @Test
    void aBundleRetriesOnlyItsFailedMemberAndRecordsEachDeliveryOnce() {
        String app = harness.newApp();
        List<String> tokens = List.of(token(), token(), token());
        harness.gateway.script(tokens.get(1), new ProviderOutcome.Rejected(503, "ServiceUnavailable", false, true, null));
        Map<String, AddressConfiguration> addresses = new LinkedHashMap<>();
        tokens.forEach(t -> addresses.put(t, new AddressConfiguration(null, ChannelType.APNS, null, null, null, null)));
        String requestId = requestId();

        MessageResponse response = harness.messaging.sendMessages(app,
                new MessageRequest(addresses, null, null, message(), null, null), requestId, WAIT);

        assertThat(response.result().values())
                .allSatisfy(r -> assertThat(r.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL));
        // The three travelled in one message; it came back for the second, and only the second was pushed again.
        assertThat(harness.gateway.pushesTo(tokens.get(0))).hasSize(1);
        assertThat(harness.gateway.pushesTo(tokens.get(1))).hasSize(2);
        assertThat(harness.gateway.pushesTo(tokens.get(2))).hasSize(1);
        assertThat(harness.store.outcomes(requestId)).extracting(DeliveryOutcome::attempts).containsExactly(1, 2, 1);
        assertThat(harness.listener.of(requestId)).hasSize(3);
    }

    @Test
    void aFailureThatPersistsIsFinalAfterTheLastAttempt() {
        String app = harness.newApp();
        String token = token();
        ProviderOutcome busy = new ProviderOutcome.Rejected(503, "ServiceUnavailable", false, true, null);
        harness.gateway.script(token, busy, busy, busy, busy);

        String requestId = requestId();
        MessageResult result = harness.messaging.sendMessages(app, addresses(token), requestId, WAIT)
                .result().get(token);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
        assertThat(result.statusCode()).isEqualTo(503);
        assertThat(result.statusMessage()).isEqualTo("ServiceUnavailable; gave up after 3 attempts");
        assertThat(harness.gateway.pushesTo(token)).hasSize(MessagingHarness.MAX_ATTEMPTS);
        assertThat(harness.store.outcomes(requestId)).singleElement()
                .satisfies(o -> assertThat(o.attempts()).isEqualTo(MessagingHarness.MAX_ATTEMPTS));
    }

    @Test
    void aRejectedTokenIsAPermanentFailureAndDeactivatesTheEndpointHoldingIt() {
        String app = harness.newApp();
        String token = token();
        harness.endpoint(app, "ep-dead", token, ChannelType.APNS, "ACTIVE", "NONE", null);
        harness.gateway.script(token, new ProviderOutcome.Rejected(410, "Unregistered", true, false, null));

        MessageRequest request = new MessageRequest(null, null, Map.of("ep-dead",
                new EndpointSendConfiguration(null, null, null, null, null)), message(), null, null);
        EndpointMessageResult result = harness.messaging.sendMessages(app, request, requestId(), WAIT)
                .endpointResult().get("ep-dead");

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(result.statusCode()).as("Pinpoint's 400 for an invalid token").isEqualTo(400);
        assertThat(result.statusMessage()).isEqualTo("Unregistered (provider HTTP 410)");
        assertThat(result.address()).isEqualTo(token);
        // The endpoint is updated right after the outcome is recorded (which the send may see first).
        await().atMost(WAIT).untilAsserted(() -> {
            assertThat(harness.endpoints.deactivated).contains("ep-dead");
            assertThat(harness.listener.inactive).contains("ep-dead");
        });
    }

    @Test
    void aTokenRejectedAfterTheAppRegisteredANewOneLeavesTheEndpointActive() throws Exception {
        String app = harness.newApp();
        String oldToken = token();
        String newToken = token();
        harness.endpoint(app, "ep-renewed", oldToken, ChannelType.APNS, "ACTIVE", "NONE", null);
        CompletableFuture<ProviderOutcome> answer = harness.gateway.holdNext(oldToken);
        MessageRequest request = new MessageRequest(null, null, Map.of("ep-renewed",
                new EndpointSendConfiguration(null, null, null, null, null)), message(), null, null);

        CompletableFuture<MessageResponse> sent = CompletableFuture.supplyAsync(
                () -> harness.messaging.sendMessages(app, request, requestId(), WAIT));
        await().atMost(WAIT).until(() -> !harness.gateway.pushesTo(oldToken).isEmpty());
        // While the push is out, the app registers the device's new token on the same endpoint.
        harness.endpoint(app, "ep-renewed", newToken, ChannelType.APNS, "ACTIVE", "NONE", null);
        answer.complete(new ProviderOutcome.Rejected(410, "Unregistered", true, false, null));

        assertThat(sent.get().endpointResult().get("ep-renewed").deliveryStatus())
                .isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        await().atMost(WAIT).until(() -> harness.endpoints.inactiveAsks.contains("ep-renewed@" + oldToken));
        await().during(Duration.ofMillis(300)).atMost(WAIT).until(() -> !harness.listener.inactive.contains("ep-renewed"));
        assertThat(harness.endpoints.deactivated).doesNotContain("ep-renewed");
    }

    @Test
    void aRejectedRawAddressDeactivatesEveryEndpointWithThatAddress() {
        String app = harness.newApp();
        String token = token();
        harness.endpoint(app, "ep-a", token, ChannelType.GCM, "ACTIVE", "NONE", null);
        harness.gateway.script(token, new ProviderOutcome.Rejected(404, "UNREGISTERED", true, false, null));

        MessageRequest request = new MessageRequest(Map.of(token,
                new AddressConfiguration(null, ChannelType.GCM, null, null, null, null)), null, null, message(), null, null);
        MessageResult result = harness.messaging.sendMessages(app, request, requestId(), WAIT).result().get(token);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(result.statusMessage()).isEqualTo("UNREGISTERED (provider HTTP 404)");
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.endpoints.deactivated).contains("ep-a"));
    }

    @Test
    void aReplacementTokenFromTheProviderUpdatesTheEndpoint() {
        String app = harness.newApp();
        String token = token();
        harness.endpoint(app, "ep-moved", token, ChannelType.GCM, "ACTIVE", "NONE", null);
        harness.gateway.script(token, new ProviderOutcome.Delivered(200, "m-1", "canonical-token"));

        MessageRequest request = new MessageRequest(null, null, Map.of("ep-moved",
                new EndpointSendConfiguration(null, null, null, null, null)), message(), null, null);
        EndpointMessageResult result = harness.messaging.sendMessages(app, request, requestId(), WAIT)
                .endpointResult().get("ep-moved");

        assertThat(result.updatedToken()).isEqualTo("canonical-token");
        await().atMost(WAIT).untilAsserted(() ->
                assertThat(harness.endpoints.replaced).contains("ep-moved:" + token + "->canonical-token"));
    }

    @Test
    void aDeliveryStillInFlightAtTheDeadlineIsQueuedAndItsOutcomeIsRecordedLater() {
        String app = harness.newApp();
        String token = token();
        var held = harness.gateway.holdNext(token);
        String requestId = requestId();

        MessageResult result = harness.messaging.sendMessages(app, addresses(token), requestId,
                Duration.ofMillis(300)).result().get(token);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.QUEUED);
        assertThat(result.statusCode()).isEqualTo(202);
        held.complete(new ProviderOutcome.Delivered(200, "late-id", null));
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(harness.store.outcomes(requestId))
                .singleElement().satisfies(o -> {
                    assertThat(o.result().deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
                    assertThat(o.result().messageId()).isEqualTo("late-id");
                }));
    }

    @Test
    void aBundleWithAPushStillOutAtTheDeadlineWaitsForTheQueuesTimeoutThoughASiblingAskedForLess() throws Exception {
        OwnQueue own = new OwnQueue(DeliveryGate.OPEN);
        String requestId = requestId();
        String throttled = token();
        String slow = token();
        harness.gateway.script(throttled, new ProviderOutcome.Rejected(429, "TooManyRequests", false, true, null));
        CompletableFuture<ProviderOutcome> slowAnswer = harness.gateway.holdNext(slow);
        var received = own.receiveBundle(deliveryTo(requestId, 0, throttled), deliveryTo(requestId, 1, slow));

        List<String> left = own.dispatcher.dispatch(List.of(own.queued(received)), java.time.Instant.now().plusMillis(500));

        assertThat(left).containsExactly(received.messageId());
        // The throttled member asked to come back at once; the slow one's answer may still come, so it does not.
        Thread.sleep(1_000);
        assertThat(receive(own.url)).as("the message back before the queue's visibility timeout").isEmpty();
        slowAnswer.complete(new ProviderOutcome.Delivered(200, "late-id", null));
        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.store.outcomes(requestId)).singleElement()
                .satisfies(o -> assertThat(o.result().messageId()).isEqualTo("late-id")));
        assertThat(harness.gateway.pushesTo(slow)).hasSize(1);
    }

    @Test
    void deferredMembersOfABundleThatComesBackAnywayRideBackInItRatherThanInACopy() throws Exception {
        // The gate lets the first member go now and holds the other two back for a second.
        OwnQueue own = new OwnQueue((batch, now) -> IntStream.range(0, batch.size())
                .mapToObj(i -> i == 0 ? DeliveryGate.SEND : new DeliveryGate.Defer(Duration.ofSeconds(2))).toList());
        String requestId = requestId();
        String throttled = token();
        harness.gateway.script(throttled, new ProviderOutcome.Rejected(429, "TooManyRequests", false, true, null));
        var received = own.receiveBundle(deliveryTo(requestId, 0, throttled), deliveryTo(requestId, 1, token()),
                deliveryTo(requestId, 2, token()));

        List<String> left = own.dispatcher.dispatch(List.of(own.queued(received)), java.time.Instant.now().plusSeconds(5));

        assertThat(left).containsExactly(received.messageId());
        assertThat(harness.messagesIn(own.url)).as("the bundle, and no second copy of its deferred members").isEqualTo(1);
        assertThat(receive(own.url)).as("back after the deferral, not at once as its throttled member asked").isEmpty();
        await().atMost(WAIT).untilAsserted(() -> assertThat(receive(own.url)).singleElement()
                .satisfies(back -> assertThat(back.messageId()).isEqualTo(received.messageId())));
    }

    /** A queue of this test's own, received from here, and a dispatcher on it: nothing else takes its messages. */
    private static final class OwnQueue {
        final String url = harness.sqs().createQueue(b -> b.queueName("own-" + Ids.newId())
                .attributesWithStrings(Map.of("VisibilityTimeout", "60"))).queueUrl();
        final Dispatcher dispatcher;

        OwnQueue(DeliveryGate gate) {
            dispatcher = new Dispatcher(harness.gateway, harness.store, new DeliveryQueue(harness::sqs, () -> url),
                    harness.endpoints, harness.listener, new RetryPolicy(MessagingHarness.MAX_ATTEMPTS,
                    harness.config.retryBaseDelay(), harness.config.retryMaxDelay()), harness.clock, () -> 0.5, gate);
        }

        software.amazon.awssdk.services.sqs.model.Message receiveBundle(Delivery... members) {
            harness.sqs().sendMessage(b -> b.queueUrl(url).messageBody(DeliveryBundle.pack(List.of(members)).get(0).body()));
            return receive(url).get(0);
        }

        Dispatcher.QueuedMessage queued(software.amazon.awssdk.services.sqs.model.Message message) {
            return new Dispatcher.QueuedMessage(message.messageId(), message.receiptHandle(), message.body(), 1);
        }
    }

    @Test
    void aRedeliveredMessageWhoseOutcomeIsRecordedIsNotPushedAgain() {
        String app = harness.newApp();
        String token = token();
        String requestId = requestId();
        harness.messaging.sendMessages(app, addresses(token), requestId, WAIT);
        assertThat(harness.gateway.pushesTo(token)).hasSize(1);
        DeliveryOutcome recorded = harness.store.outcomes(requestId).get(0);

        // SQS delivering the same message again: the same delivery, queued once more.
        Delivery again = new Delivery(app, requestId, recorded.index(), recorded.target(), null,
                new io.pinpush.providers.RenderedPush(ChannelType.APNS, token, "{}", Map.of(), null), "2025-01-01T00:00:00Z");
        assertThat(harness.queue.enqueue(java.util.List.of(again))).isEmpty();

        await().atMost(Duration.ofSeconds(10))
                .until(() -> harness.messagesIn(harness.config.deliveryQueueUrl()) == 0);
        assertThat(harness.gateway.pushesTo(token)).hasSize(1);
        assertThat(harness.store.outcomes(requestId)).containsExactly(recorded);
        assertThat(harness.listener.of(requestId)).hasSize(1);
    }

    @Test
    void duplicateOptedOutInactiveAndTooLargeAreDecidedWithoutAProviderAndRecorded() {
        String app = harness.newApp();
        String token = token();
        String optedOut = token();
        String inactive = token();
        harness.endpoint(app, "ep-same", token, ChannelType.APNS, "ACTIVE", "NONE", null);
        harness.endpoint(app, "ep-out", optedOut, ChannelType.APNS, "ACTIVE", "ALL", null);
        harness.endpoint(app, "ep-gone", inactive, ChannelType.APNS, "INACTIVE", "NONE", null);
        Map<String, AddressConfiguration> addresses = new LinkedHashMap<>();
        addresses.put(token, new AddressConfiguration(null, ChannelType.APNS, null, null, null, null));
        addresses.put("big-" + token, new AddressConfiguration("x".repeat(500), ChannelType.APNS, null, null, null, null));
        Map<String, EndpointSendConfiguration> endpointIds = new LinkedHashMap<>();
        for (String id : new String[] {"ep-same", "ep-out", "ep-gone"}) {
            endpointIds.put(id, new EndpointSendConfiguration(null, null, null, null, null));
        }
        String requestId = requestId();

        MessageResponse response = harness.messaging.sendMessages(app,
                new MessageRequest(addresses, null, endpointIds, message(), null, null), requestId, WAIT);

        assertThat(response.result().get(token).deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(response.result().get("big-" + token)).satisfies(r -> {
            assertThat(r.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
            assertThat(r.statusCode()).isEqualTo(413);
            assertThat(r.statusMessage()).isEqualTo("The payload is 512 bytes; the limit is 200");
        });
        assertThat(response.endpointResult().get("ep-same").deliveryStatus()).isEqualTo(DeliveryStatus.DUPLICATE);
        assertThat(response.endpointResult().get("ep-out").deliveryStatus()).isEqualTo(DeliveryStatus.OPT_OUT);
        assertThat(response.endpointResult().get("ep-gone").deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(harness.gateway.pushesTo(token)).hasSize(1);
        assertThat(harness.gateway.pushesTo(optedOut)).isEmpty();
        assertThat(harness.gateway.pushesTo(inactive)).isEmpty();
        assertThat(harness.store.outcomes(requestId)).hasSize(5);
        assertThat(harness.listener.of(requestId)).hasSize(5);
    }

    @Test
    void usersMessagesGoToEveryActiveEndpointOfEachUser() {
        String app = harness.newApp();
        String phone = token();
        String tablet = token();
        harness.endpoint(app, "phone", phone, ChannelType.APNS, "ACTIVE", "NONE", "alice");
        harness.endpoint(app, "tablet", tablet, ChannelType.GCM, "ACTIVE", "NONE", "alice");
        harness.endpoint(app, "old", token(), ChannelType.GCM, "INACTIVE", "NONE", "alice");
        Map<String, EndpointSendConfiguration> users = new LinkedHashMap<>();
        users.put("alice", new EndpointSendConfiguration("Hi Alice", null, null, null, null));
        users.put("nobody", null);

        SendUsersMessageResponse response = harness.messaging.sendUsersMessages(app,
                new SendUsersMessageRequest(null, message(), null, null, users), requestId(), WAIT);

        assertThat(response.result()).containsOnlyKeys("alice", "nobody");
        assertThat(response.result().get("nobody")).isEmpty();
        assertThat(response.result().get("alice")).containsOnlyKeys("phone", "tablet");
        assertThat(response.result().get("alice").values())
                .allSatisfy(r -> assertThat(r.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL));
        assertThat(response.result().get("alice").get("tablet").address()).isEqualTo(tablet);
        assertThat(harness.gateway.pushesTo(phone)).singleElement()
                .satisfies(p -> assertThat(p.body()).contains("Hi Alice"));
    }

    @Test
    void aRefusedRequestQueuesAndRecordsNothing() {
        String app = harness.newApp();
        String requestId = requestId();

        assertThatThrownBy(() -> harness.messaging.sendMessages("0123456789abcdef0123456789abcdef",
                addresses(token()), requestId, WAIT)).isInstanceOfSatisfying(ApiError.class,
                e -> assertThat(e.type()).isEqualTo(ApiError.Type.NOT_FOUND));
        MessageRequest noPushChannel = new MessageRequest(Map.of(token(),
                new AddressConfiguration(null, ChannelType.BAIDU, null, null, null, null)), null, null, message(), null, null);
        assertThatThrownBy(() -> harness.messaging.sendMessages(app, noPushChannel, requestId, WAIT))
                .isInstanceOf(ApiError.class).hasMessageContaining("BAIDU");

        assertThat(harness.store.request(requestId)).isEmpty();
        assertThat(harness.store.outcomes(requestId)).isEmpty();
    }

    @Test
    void poisonMessagesEndUpInThePoisonQueueWhole() {
        String unreadable = "{not a delivery";
        // A bundle one of whose members is not a delivery: the whole message is poison.
        String badBundle = "{\"Deliveries\":[{\"AppId\":\"a\",\"RequestId\":\"r\",\"Index\":0}]}";
        harness.sqs().sendMessage(b -> b.queueUrl(harness.config.deliveryQueueUrl()).messageBody(unreadable));
        harness.sqs().sendMessage(b -> b.queueUrl(harness.config.deliveryQueueUrl()).messageBody(badBundle));

        // Failed by the dispatcher on every receive; in the dead-letter queue (with the receive count it had), the
        // dead-letter settler moves them on.
        await().atMost(Duration.ofSeconds(30)).until(() -> harness.messagesIn(harness.poisonUrl) == 2);
        assertThat(harness.sqs().receiveMessage(b -> b.queueUrl(harness.poisonUrl).maxNumberOfMessages(10)).messages())
                .extracting(m -> m.body()).containsExactlyInAnyOrder(unreadable, badBundle);
        assertThat(harness.messagesIn(harness.dlqUrl)).isZero();
        harness.sqs().purgeQueue(b -> b.queueUrl(harness.poisonUrl));
    }

    @Test
    void aDeadLetteredDeliveryWithoutAnOutcomeIsRecordedUnknownFailureAndHeardOnceWithoutAPush() {
        String requestId = requestId();
        Delivery settled = deliveryTo(requestId, 0, token());
        Delivery unsettled = deliveryTo(requestId, 1, token());
        DeliveryOutcome delivered = settled.outcome(MessageResult.of(DeliveryStatus.SUCCESSFUL, 200, "OK"), 1,
                "2026-12-05T00:00:00Z");
        assertThat(harness.store.recordFirsts(List.of(delivered))).containsExactly(DeliveryStore.Recorded.WRITTEN);
        DeliveryQueue deadLetters = new DeliveryQueue(harness::sqs, () -> harness.dlqUrl);

        // A bundle whose first member the dispatcher settled and whose second it never did, as SQS redrives it.
        assertThat(deadLetters.enqueue(List.of(settled, unsettled))).isEmpty();

        await().atMost(WAIT).untilAsserted(() -> assertThat(harness.store.outcomes(requestId)).hasSize(2));
        assertThat(harness.store.outcomes(requestId)).containsExactly(delivered,
                unsettled.outcome(DeadLetterSettler.NO_OUTCOME, 0, harness.store.outcomes(requestId).get(1).finishedAt()));
        assertThat(harness.listener.of(requestId)).as("only the outcome written now is heard")
                .extracting(DeliveryOutcome::index).containsExactly(1);
        await().atMost(WAIT).until(() -> harness.messagesIn(harness.dlqUrl) == 0);

        // The same message dead-lettered again (SQS delivers at least once): nothing new is recorded or heard.
        assertThat(deadLetters.enqueue(List.of(settled, unsettled))).isEmpty();
        await().atMost(WAIT).until(() -> harness.messagesIn(harness.dlqUrl) == 0);
        assertThat(harness.listener.of(requestId)).hasSize(1);
        assertThat(harness.store.outcomes(requestId)).extracting(o -> o.result().deliveryStatus())
                .containsExactly(DeliveryStatus.SUCCESSFUL, DeliveryStatus.UNKNOWN_FAILURE);
    }

    @Test
    void aPoisonMessageStaysOnTheDeadLetterQueueWhenThereIsNoPoisonQueueToTakeIt() {
        var poison = new Dispatcher.QueuedMessage("poison-1", "handle", "{not a delivery", 1);
        var refusing = new DeadLetterSettler(harness.store, harness.listener,
                Optional.of(new PoisonQueue(harness::sqs, harness.sqsServer.queueUrl("no-such-queue"))), harness.clock);
        var without = new DeadLetterSettler(harness.store, harness.listener, Optional.empty(), harness.clock);

        assertThat(refusing.settle(List.of(poison))).containsExactly("poison-1");
        assertThat(without.settle(List.of(poison))).containsExactly("poison-1");
    }

    @Test
    void aDeliveryWhoseEveryReceiveCrashesEndsInOneRecordedOutcome() {
        // A delivery queue of its own (one-second visibility timeout, two receives) redriving into the harness's
        // dead-letter queue, whose settler runs as in the stack. Its stand-in for a dispatcher that crashes on every
        // receive fails whole batches, as a crashed Lambda invocation does.
        String queueUrl = LocalQueues.create(harness.sqs(), "crashing-" + Ids.newId(), LocalQueues.DEAD_LETTER_QUEUE, 2, 1);
        String requestId = requestId();
        Delivery delivery = deliveryTo(requestId, 0, token());
        try (LocalDispatcher crashing = LocalDispatcher.start(harness.sqs(), queueUrl, "us-east-1", (input, output, context) -> {
                 throw new IllegalStateException("the dispatcher crashed");
             }, 1)) {
            assertThat(new DeliveryQueue(harness::sqs, () -> queueUrl).enqueue(List.of(delivery))).isEmpty();

            await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> assertThat(harness.store.outcomes(requestId))
                    .singleElement().satisfies(o -> assertThat(o.result()).isEqualTo(DeadLetterSettler.NO_OUTCOME)));
            await().atMost(WAIT).until(() -> harness.messagesIn(queueUrl) + harness.messagesIn(harness.dlqUrl) == 0);
        }
        assertThat(harness.listener.of(requestId)).hasSize(1);
        // The poison queue is shared by this class's tests: look for this delivery, not for an empty queue.
        assertThat(harness.sqs().receiveMessage(b -> b.queueUrl(harness.poisonUrl).maxNumberOfMessages(10)
                .visibilityTimeout(0)).messages()).as("a delivery is never passed on as poison")
                .noneMatch(message -> message.body().contains(requestId));
    }

    @Test
    void deletingTheAppDeletesItsDeliveryRecords() {
        String app = harness.newApp();
        String requestId = requestId();
        harness.messaging.sendMessages(app, addresses(token()), requestId, WAIT);
        assertThat(harness.store.request(requestId)).isPresent();

        harness.store.deleteAllOf(app);

        assertThat(harness.store.request(requestId)).isEmpty();
        assertThat(harness.store.outcomes(requestId)).isEmpty();
    }

    @Test
    void oneHundredAddressesAreSentInParallelBatches() {
        String app = harness.newApp();
        Map<String, AddressConfiguration> addresses = new LinkedHashMap<>();
        IntStream.range(0, 100).forEach(i -> addresses.put(token(),
                new AddressConfiguration(null, i % 2 == 0 ? ChannelType.APNS : ChannelType.GCM, null, null, null, null)));

        MessageResponse response = harness.messaging.sendMessages(app,
                new MessageRequest(addresses, null, null, message(), null, null), requestId(), Duration.ofSeconds(20));

        assertThat(response.result()).hasSize(100);
        assertThat(response.result().values())
                .allSatisfy(r -> assertThat(r.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL));
    }

    @Test
    void manyOutcomesAreRecordedInBatchesAndAnOutcomeAlreadyRecordedIsKept() {
        String requestId = UUID.randomUUID().toString();
        List<DeliveryOutcome> outcomes = IntStream.range(0, 30)
                .mapToObj(i -> recordedOutcome(requestId, i, MessageResult.QUEUED.withStatusMessage("attempt 2"))).toList();
        DeliveryOutcome first = recordedOutcome(requestId, 26, MessageResult.QUEUED.withStatusMessage("attempt 1"));
        assertThat(harness.store.recordFirsts(List.of(first))).containsExactly(DeliveryStore.Recorded.WRITTEN);

        List<DeliveryStore.Recorded> answers = harness.store.recordFirsts(outcomes);

        assertThat(answers).hasSize(30);
        assertThat(answers.get(26)).isEqualTo(DeliveryStore.Recorded.ALREADY);
        assertThat(answers.stream().filter(a -> a == DeliveryStore.Recorded.WRITTEN)).hasSize(29);
        List<DeliveryOutcome> stored = harness.store.outcomes(requestId);
        assertThat(stored).hasSize(30);
        assertThat(stored.get(26)).isEqualTo(first);
        assertThat(stored.get(25)).isEqualTo(outcomes.get(25));
        assertThat(harness.store.recorded(outcomes.stream().map(o -> queuedDelivery(requestId, o.index())).toList()))
                .hasSize(30);
        assertThat(harness.store.recordFirsts(outcomes.subList(0, 3))).containsOnly(DeliveryStore.Recorded.ALREADY);
    }

    @Test
    void anOutcomeWriteWhoseAnswerWasLostIsStillTakenAsWrittenWhetherTheSdkRetriedItOrGaveUp() {
        for (boolean sdkRetries : List.of(true, false)) {
            String requestId = requestId();
            java.util.concurrent.atomic.AtomicInteger sent = new java.util.concurrent.atomic.AtomicInteger();
            java.util.concurrent.atomic.AtomicBoolean lose = new java.util.concurrent.atomic.AtomicBoolean(true);
            software.amazon.awssdk.services.dynamodb.DynamoDbClient answerLost = harness.aws.configure(
                    software.amazon.awssdk.services.dynamodb.DynamoDbClient.builder(), "dynamodb")
                    .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                        @Override
                        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                            if (context.request() instanceof BatchExecuteStatementRequest) {
                                sent.incrementAndGet();
                            }
                        }

                        // The write landed; its answer is lost on the way back, inside the SDK's retries...
                        @Override
                        public void beforeUnmarshalling(Context.BeforeUnmarshalling context, ExecutionAttributes attributes) {
                            if (sdkRetries && context.request() instanceof BatchExecuteStatementRequest
                                    && lose.getAndSet(false)) {
                                throw SdkClientException.create("connection reset", new java.io.IOException("reset"));
                            }
                        }

                        // ...or after them, so that the SDK gives up.
                        @Override
                        public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                            if (!sdkRetries && context.request() instanceof BatchExecuteStatementRequest
                                    && lose.getAndSet(false)) {
                                throw SdkClientException.create("connection reset");
                            }
                        }
                    })).build();
            try (answerLost) {
                DeliveryStore store = new DeliveryStore(answerLost, harness.config, harness.clock);
                DeliveryOutcome outcome = recordedOutcome(requestId, 0, MessageResult.of(DeliveryStatus.SUCCESSFUL, 200, "OK"));

                assertThat(store.recordFirsts(List.of(outcome))).as("sdk retries: " + sdkRetries)
                        .containsExactly(DeliveryStore.Recorded.WRITTEN);
                assertThat(sent).as("sdk retries: " + sdkRetries).hasValue(sdkRetries ? 2 : 1);
                // Another attempt's write of the same delivery is still refused.
                assertThat(store.recordFirsts(List.of(outcome))).containsExactly(DeliveryStore.Recorded.ALREADY);
            }
        }
    }

    @Test
    void aDeliverySqsRefusesIsRecordedAsNotQueuedAndHeardOnce() {
        String app = harness.newApp();
        String token = token();
        MessagingService refused = harness.messagingWith(new DeliveryQueue(harness::sqs,
                () -> harness.sqsServer.queueUrl("no-such-queue")));

        MessageResult result = refused.sendMessages(app, addresses(token), requestId(), WAIT).result().get(token);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.UNKNOWN_FAILURE);
        assertThat(result.statusMessage()).isEqualTo("The delivery could not be queued; nothing was sent");
        assertThat(harness.listener.outcomesTo(token)).singleElement()
                .satisfies(o -> assertThat(o.result().deliveryStatus()).isEqualTo(DeliveryStatus.UNKNOWN_FAILURE));
    }

    @Test
    void aDeliverySqsTookThoughItsCallFailedKeepsTheDispatchersOutcome() {
        String app = harness.newApp();
        String token = token();
        // SQS takes the message, and the answer is lost on the way back, after the dispatcher recorded the push.
        java.util.concurrent.atomic.AtomicBoolean lost = new java.util.concurrent.atomic.AtomicBoolean();
        SqsClient answerLost = harness.aws.configure(SqsClient.builder(), "sqs")
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void afterExecution(Context.AfterExecution context, ExecutionAttributes attributes) {
                        if (context.request() instanceof SendMessageBatchRequest) {
                            await().atMost(WAIT).until(() -> !harness.listener.outcomesTo(token).isEmpty());
                            lost.set(true);
                            throw SdkClientException.create("connection reset while reading the answer");
                        }
                    }
                })).build();
        try (answerLost) {
            MessagingService sender = harness.messagingWith(new DeliveryQueue(() -> answerLost,
                    harness.config::deliveryQueueUrl));

            MessageResult result = sender.sendMessages(app, addresses(token), requestId(), WAIT).result().get(token);

            assertThat(lost).as("the answer was lost").isTrue();
            assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
            assertThat(harness.gateway.pushesTo(token)).hasSize(1);
            assertThat(harness.listener.outcomesTo(token)).as("the not-queued failure is not reported over it")
                    .singleElement().satisfies(o -> assertThat(o.result().deliveryStatus())
                            .isEqualTo(DeliveryStatus.SUCCESSFUL));
        }
    }

    @Test
    void aRequestSentAgainWithItsIdStreamsItsDecidedOutcomesOnce() {
        String app = harness.newApp();
        harness.endpoint(app, "ep-opted-out", token(), ChannelType.APNS, "ACTIVE", "ALL", null);
        MessageRequest request = new MessageRequest(null, null, Map.of("ep-opted-out",
                new EndpointSendConfiguration(null, null, null, null, null)), message(), null, null);
        String requestId = requestId();

        // A direct asynchronous invocation that failed is invoked again by Lambda with the same request id.
        for (int attempt = 0; attempt < 2; attempt++) {
            assertThat(harness.messaging.sendMessages(app, request, requestId, WAIT).endpointResult()
                    .get("ep-opted-out").deliveryStatus()).isEqualTo(DeliveryStatus.OPT_OUT);
        }

        assertThat(harness.listener.of(requestId)).as("recorded and streamed once").hasSize(1);
        assertThat(harness.store.outcomes(requestId)).hasSize(1);
    }

    @Test
    void outcomesDecidedBeforeTheQueueAreRecordedOnlyWhereNoneIsAndOnlyThoseWrittenAreReported() {
        String requestId = requestId();
        DeliveryOutcome delivered = recordedOutcome(requestId, 0, MessageResult.of(DeliveryStatus.SUCCESSFUL, 200, "OK"));
        assertThat(harness.store.recordFirsts(List.of(delivered))).containsExactly(DeliveryStore.Recorded.WRITTEN);
        MessageResult notQueued = MessageResult.of(DeliveryStatus.UNKNOWN_FAILURE, 500, "not queued");
        List<DeliveryOutcome> decided = List.of(recordedOutcome(requestId, 0, notQueued),
                recordedOutcome(requestId, 1, notQueued));

        List<DeliveryOutcome> written = new ArrayList<>();
        harness.store.recordNew(decided, written::add);
        assertThat(written).as("the dispatcher's outcome of delivery 0 stands").containsExactly(decided.get(1));
        written.clear();
        harness.store.recordNew(decided, written::add);
        assertThat(written).as("done again: nothing new to report").isEmpty();
        assertThat(harness.store.outcomes(requestId)).containsExactly(delivered, decided.get(1));
    }

    private static DeliveryOutcome recordedOutcome(String requestId, int index, MessageResult result) {
        return queuedDelivery(requestId, index).outcome(result, 1, "2026-12-05T00:00:00Z");
    }

    private static Delivery queuedDelivery(String requestId, int index) {
        return deliveryTo(requestId, index, "token-" + index);
    }

    private static Delivery deliveryTo(String requestId, int index, String token) {
        return new Delivery("app", requestId, index, DeliveryTarget.address(token, ChannelType.APNS), null,
                new io.pinpush.providers.RenderedPush(ChannelType.APNS, token, "{}", Map.of(), null),
                "2026-12-05T00:00:00Z");
    }

    static MessageRequest addresses(String token) {
        return new MessageRequest(Map.of(token, new AddressConfiguration(null, ChannelType.APNS, null, null, null, null)),
                null, null, message(), null, "trace-1");
    }

    static DirectMessageConfiguration message() {
        return DirectMessageConfiguration.push(null, null,
                new DefaultPushNotificationMessage(null, "Hello", null, null, null, "Title", null));
    }

    static String token() {
        return Ids.newId() + Ids.newId();
    }

    static String requestId() {
        return java.util.UUID.randomUUID().toString();
    }

    static String json(Object value) {
        return Json.write(value);
    }
}
