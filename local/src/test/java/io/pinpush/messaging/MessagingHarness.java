package io.pinpush.messaging;

import io.pinpush.api.Arns;
import io.pinpush.api.Router;
import io.pinpush.apps.AppService;
import io.pinpush.apps.AppStore;
import io.pinpush.apps.CreateApplicationRequest;
import io.pinpush.channels.ChannelType;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointUser;
import io.pinpush.functions.DeadLetterHandler;
import io.pinpush.functions.DispatcherHandler;
import io.pinpush.functions.SendHandler;
import io.pinpush.local.EmbeddedDynamoDb;
import io.pinpush.local.EmbeddedSqs;
import io.pinpush.local.LocalDispatcher;
import io.pinpush.local.LocalQueues;
import io.pinpush.providers.PushRenderer;
import io.pinpush.providers.RenderResult;
import io.pinpush.providers.RenderedPush;
import io.pinpush.store.TableCreator;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The real messaging flow (DynamoDB Local, ElasticMQ with a dead-letter queue and a poison queue, the send service,
 * the local dispatcher poller and DispatcherHandler, the dead-letter poller and DeadLetterHandler) around stand-ins for what other work provides: a map of endpoints,
 * channels that are all enabled, a renderer that writes {"alert": body} and a {@link ScriptedGateway}.
 */
final class MessagingHarness implements AutoCloseable {

    static final int MAX_ATTEMPTS = 3;
    /** Payloads above this many bytes are "too large" for the stand-in renderer. */
    static final int PAYLOAD_LIMIT = 200;

    final EmbeddedDynamoDb dynamoDb = EmbeddedDynamoDb.start(null);
    final EmbeddedSqs sqsServer = EmbeddedSqs.start("us-east-1");
    final PinpushConfig config = new PinpushConfig(Map.of(
            "PINPUSH_LOCAL_CREDENTIALS", "true",
            "PINPUSH_ENDPOINT_DYNAMODB", dynamoDb.endpoint().toString(),
            "PINPUSH_ENDPOINT_SQS", sqsServer.endpoint().toString(),
            "PINPUSH_DELIVERY_QUEUE_URL", sqsServer.queueUrl(LocalQueues.DELIVERY_QUEUE),
            "PINPUSH_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS),
            "PINPUSH_RETRY_BASE_DELAY", "PT0S",
            "PINPUSH_SEND_WAIT", "PT10S"));
    final AwsClients aws = new AwsClients(config);
    final Clock clock = Clock.systemUTC();
    final ScriptedGateway gateway = new ScriptedGateway();
    final MapEndpoints endpoints = new MapEndpoints();
    final RecordingListener listener = new RecordingListener();
    final AppService apps;
    final DeliveryStore store;
    final DeliveryQueue queue;
    final MessagingService messaging;
    private final Map<ChannelType, PushRenderer> renderers;
    final Dispatcher dispatcher;
    final LocalDispatcher poller;
    final String dlqUrl;
    final String poisonUrl;
    /** The dead-letter function's event source: settles what reaches the dead-letter queue. */
    final LocalDispatcher deadLetters;

    MessagingHarness() {
        new TableCreator(aws.dynamoDb(), config).createAll();
        LocalQueues.create(aws.sqs(), MAX_ATTEMPTS + 2);
        dlqUrl = sqsServer.queueUrl(LocalQueues.DEAD_LETTER_QUEUE);
        poisonUrl = sqsServer.queueUrl(LocalQueues.POISON_QUEUE);
        apps = new AppService(new AppStore(aws.dynamoDb(), config), new Arns("us-east-1", "000000000000"), clock);
        store = new DeliveryStore(aws.dynamoDb(), config, clock);
        queue = new DeliveryQueue(aws::sqs, config::deliveryQueueUrl);
        PushRenderer renderer = request -> {
            String body = request.bodyOverride() != null ? request.bodyOverride() : "Hello";
            String payload = "{\"alert\":\"" + body + "\"}";
            return payload.length() > PAYLOAD_LIMIT
                    ? new RenderResult.TooLarge("The payload is " + payload.length() + " bytes; the limit is " + PAYLOAD_LIMIT)
                    : new RenderResult.Rendered(new RenderedPush(request.channelType(), request.address(), payload,
                            Map.of(), null));
        };
        renderers = Map.of(ChannelType.APNS, renderer, ChannelType.GCM, renderer);
        messaging = messagingWith(queue);
        dispatcher = new Dispatcher(gateway, store, queue, endpoints, listener,
                new RetryPolicy(MAX_ATTEMPTS, config.retryBaseDelay(), config.retryMaxDelay()), clock, () -> 0.5);
        poller = LocalDispatcher.start(aws.sqs(), config.deliveryQueueUrl(), "us-east-1", dispatcherHandler(), 2);
        deadLetters = LocalDispatcher.start(aws.sqs(), dlqUrl, "us-east-1", deadLetterHandler(), 1, 10,
                "pinpush-dead-letters");
    }

    /** The same send service on another queue (one that refuses, or loses its answers). */
    MessagingService messagingWith(DeliveryQueue otherQueue) {
        return new MessagingService(apps, new RecipientResolver(endpoints),
                new SendPlanner((appId, type) -> ChannelDirectory.Status.ENABLED, renderers), store, otherQueue, listener,
                config.sendWait(), clock);
    }

    String newApp() {
        return apps.create(new CreateApplicationRequest("messaging-test", null)).id();
    }

    SendHandler sendHandler() {
        return new SendHandler(new Router(MessagingRoutes.routes(messaging)), messaging);
    }

    DispatcherHandler dispatcherHandler() {
        return new DispatcherHandler(dispatcher, clock);
    }

    DeadLetterHandler deadLetterHandler() {
        return new DeadLetterHandler(new DeadLetterSettler(store, listener,
                Optional.of(new PoisonQueue(aws::sqs, poisonUrl)), clock), () -> { });
    }

    SqsClient sqs() {
        return aws.sqs();
    }

    /** Messages in the queue, visible, received or delayed (SQS counts are approximate; ElasticMQ's are exact). */
    int messagesIn(String queueUrl) {
        Map<QueueAttributeName, String> attributes = aws.sqs().getQueueAttributes(b -> b.queueUrl(queueUrl)
                .attributeNames(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE,
                        QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED)).attributes();
        return Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_NOT_VISIBLE))
                + Integer.parseInt(attributes.get(QueueAttributeName.APPROXIMATE_NUMBER_OF_MESSAGES_DELAYED));
    }

    EndpointResponse endpoint(String appId, String id, String address, ChannelType type, String status, String optOut,
                              String userId) {
        EndpointResponse endpoint = new EndpointResponse(address, appId, null, type, null, "2025-01-01T00:00:00Z", null,
                "2025-01-01T00:00:00Z", status, id, null, null, optOut, null,
                userId == null ? null : new EndpointUser(null, userId));
        endpoints.byKey.put(appId + "/" + id, endpoint);
        return endpoint;
    }

    @Override
    public void close() {
        poller.close();
        deadLetters.close();
        aws.close();
        sqsServer.close();
        dynamoDb.close();
    }

    /** Every outcome and deactivation the listener heard. */
    static final class RecordingListener implements DeliveryListener {
        final List<DeliveryOutcome> outcomes = new CopyOnWriteArrayList<>();
        final List<String> inactive = new CopyOnWriteArrayList<>();

        @Override
        public void onOutcome(DeliveryOutcome outcome) {
            outcomes.add(outcome);
        }

        @Override
        public void onEndpointInactive(String appId, String endpointId, DeliveryOutcome cause) {
            inactive.add(endpointId);
        }

        List<DeliveryOutcome> of(String requestId) {
            return outcomes.stream().filter(o -> o.requestId().equals(requestId)).toList();
        }

        List<DeliveryOutcome> outcomesTo(String address) {
            return outcomes.stream().filter(o -> address.equals(o.target().address())).toList();
        }
    }

    static Duration seconds(long n) {
        return Duration.ofSeconds(n);
    }
}
