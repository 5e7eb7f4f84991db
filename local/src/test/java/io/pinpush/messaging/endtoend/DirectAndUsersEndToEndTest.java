package io.pinpush.messaging.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.client.PinpushSendClient;
import io.pinpush.functions.DispatcherHandler;
import io.pinpush.functions.SendHandler;
import io.pinpush.testing.EventSamples;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.DeliveryStatus;
import software.amazon.awssdk.services.pinpoint.model.EndpointMessageResult;
import software.amazon.awssdk.services.pinpoint.model.EndpointSendConfiguration;

/**
 * SendUsersMessages, the sample events of events/ replayed through SendHandler and DispatcherHandler, the typed
 * client over Lambda's Invoke API, and the AWS CLI — all delivering through the stand-ins.
 */
@ExtendWith(PushStack.PerClass.class)
class DirectAndUsersEndToEndTest {

    /** The APNs token in the samples of events/. */
    static final String SAMPLE_APNS_TOKEN = "5f6aa01d8e3358949b7c25d461bb78ad740f4707462c7eafbebcf74fa5ddb387";
    static final String SAMPLE_FCM_TOKEN = "fcm-sample-token:APA91bHun4MxP5egoKMwt2KZFBaFUH-1RYqx";

    private static PushStack stack;

    @BeforeAll
    static void start(PushStack started) {
        stack = started;
        stack.apns.registerDevice(PushStack.BUNDLE_ID, SAMPLE_APNS_TOKEN);
    }

    @Test
    void aUsersMessageReachesEveryActiveEndpointOfEachUser() {
        String app = stack.newApp();
        String phone = stack.apnsToken();
        String tablet = PushStack.fcmToken();
        stack.endpoint(app, "alice-phone", phone, ChannelType.APNS, "NONE", "alice");
        stack.endpoint(app, "alice-tablet", tablet, ChannelType.GCM, "NONE", "alice");
        Map<String, EndpointSendConfiguration> users = new LinkedHashMap<>();
        users.put("alice", EndpointSendConfiguration.builder().bodyOverride("Alice, your table is ready").build());
        users.put("nobody", EndpointSendConfiguration.builder().build());

        var response = stack.pinpoint.sendUsersMessages(b -> b.applicationId(app).sendUsersMessageRequest(r -> r
                .users(users).context(Map.of("table", "7")).messageConfiguration(PushStack.message())))
                .sendUsersMessageResponse();

        Map<String, EndpointMessageResult> alice = response.result().get("alice");
        assertThat(alice).containsOnlyKeys("alice-phone", "alice-tablet");
        assertThat(alice.values()).allSatisfy(r -> assertThat(r.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL));
        assertThat(alice.get("alice-tablet").address()).isEqualTo(tablet);
        assertThat(response.result().get("nobody")).isEmpty();
        assertThat(stack.apnsReceived(phone)).singleElement()
                .satisfies(r -> assertThat(r.payload()).contains("Alice, your table is ready"));
        assertThat(stack.fcmReceived(tablet)).hasSize(1);
        // The model: Pinpoint "also provides these attributes [Context] in the events that it generates for
        // users-messages deliveries".
        Path events = stack.server.pinpush().config().eventFile().orElseThrow();
        await().atMost(Duration.ofSeconds(10)).ignoreExceptions().untilAsserted(() -> assertThat(Files.readAllLines(events).stream()
                .filter(line -> line.contains(app) && line.contains("\"_push.send\"")).map(EventSamples::readJson)
                .map(event -> event.path("attributes")).toList())
                .hasSize(2).allSatisfy(attributes -> {
                    assertThat(attributes.path("table").asText()).isEqualTo("7");
                    assertThat(attributes.path("send_status").asText()).isEqualTo("SUCCESSFUL");
                }));
    }

    @Test
    void theDirectMessageRequestSampleIsDeliveredThroughTheSendHandler() {
        String app = stack.newApp();
        int apnsBefore = stack.apnsReceived(SAMPLE_APNS_TOKEN).size();

        JsonNode answer = EventSamples.invoke(new SendHandler(stack.server.pinpush()), EventSamples.forApp("direct-send-messages.json", app));

        JsonNode result = answer.path("MessageResponse").path("Result");
        assertThat(result.path(SAMPLE_APNS_TOKEN).path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(result.path(SAMPLE_FCM_TOKEN).path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(stack.apnsReceived(SAMPLE_APNS_TOKEN)).hasSize(apnsBefore + 1);
        assertThat(stack.apnsReceived(SAMPLE_APNS_TOKEN).get(apnsBefore).payload()).contains("Game Request");
    }

    @Test
    void theDirectUsersMessageSampleIsDeliveredThroughTheSendHandler() {
        String app = stack.newApp();
        String token = stack.apnsToken();
        stack.endpoint(app, "alice-iphone", token, ChannelType.APNS, "NONE", "user-alice");

        JsonNode answer = EventSamples.invoke(new SendHandler(stack.server.pinpush()), EventSamples.forApp("direct-send-users-messages.json", app));

        assertThat(answer.path("SendUsersMessageResponse").path("Result").path("user-alice").path("alice-iphone")
                .path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(stack.apnsReceived(token)).singleElement()
                .satisfies(r -> assertThat(r.payload()).contains("Alice, Bob wants to play poker"));
    }

    @Test
    void theApiGatewaySampleIsDeliveredThroughTheSendHandler() {
        String app = stack.newApp();
        String requestId = UUID.randomUUID().toString();

        String event = EventSamples.forApp("apigw-send-messages.json", app).replace("Rb6aQjTSoAMEbXA=", requestId);

        JsonNode response = EventSamples.invoke(new SendHandler(stack.server.pinpush()), event);

        assertThat(response.path("statusCode").asInt()).isEqualTo(200);
        JsonNode body = EventSamples.readJson(response.path("body").asText());
        assertThat(body.path("RequestId").asText()).isEqualTo(requestId);
        assertThat(body.path("Result").path(SAMPLE_FCM_TOKEN).path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
    }

    @Test
    void theSqsSampleIsPushedByTheDispatcherHandlerOnceOnly() throws IOException {
        String app = stack.newApp();
        String requestId = UUID.randomUUID().toString();
        String event = EventSamples.forApp("sqs-delivery.json", app).replace("2f1c7a52-6b1e-4c4e-9d53-sample000001", requestId);
        var pinpush = stack.server.pinpush();
        DispatcherHandler handler = new DispatcherHandler(pinpush.dispatcher(), pinpush.clock());
        int before = stack.apnsReceived(SAMPLE_APNS_TOKEN).size();

        JsonNode first = EventSamples.invoke(handler, event);
        JsonNode replay = EventSamples.invoke(handler, event);

        assertThat(first.path("batchItemFailures").isArray()).isTrue();
        assertThat(first.path("batchItemFailures")).isEmpty();
        assertThat(replay.path("batchItemFailures")).isEmpty();
        assertThat(stack.apnsReceived(SAMPLE_APNS_TOKEN)).hasSize(before + 1);
        assertThat(stack.apnsReceived(SAMPLE_APNS_TOKEN).get(before).headers())
                .containsEntry("apns-push-type", "alert");
        assertThat(stack.server.pinpush().deliveries().outcomes(requestId)).singleElement().satisfies(o -> {
            assertThat(o.result().deliveryStatus()).isEqualTo(io.pinpush.messaging.DeliveryStatus.SUCCESSFUL);
            assertThat(o.result().statusCode()).isEqualTo(200);
        });
    }

    @Test
    void theTypedClientSendsThroughLambdasInvokeApi() {
        String app = stack.newApp();
        String token = stack.apnsToken();
        var request = new io.pinpush.messaging.MessageRequest(
                Map.of(token, new io.pinpush.messaging.AddressConfiguration(null, io.pinpush.channels.ChannelType.APNS,
                        null, null, null, null)), null, null,
                io.pinpush.messaging.DirectMessageConfiguration.push(null, null,
                        new io.pinpush.messaging.DefaultPushNotificationMessage(null, "From another function", null,
                                null, null, "Hi", null)), null, null);

        try (LambdaClient lambda = LambdaClient.builder().endpointOverride(stack.server.endpoint())
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .build();
             PinpushSendClient client = PinpushSendClient.builder().lambdaClient(lambda).build()) {
            io.pinpush.messaging.MessageResult result = client.sendMessages(app, request).result().get(token);

            assertThat(result.deliveryStatus()).isEqualTo(io.pinpush.messaging.DeliveryStatus.SUCCESSFUL);
            assertThat(result.statusCode()).isEqualTo(200);
            assertThat(stack.apnsReceived(token)).singleElement()
                    .satisfies(r -> assertThat(r.payload()).contains("From another function"));
        }
    }

    @Test
    void theAwsCliSendsMessagesEndToEnd() throws Exception {
        String app = stack.newApp();
        String token = stack.apnsToken();
        String request = "{\"Addresses\": {\"" + token + "\": {\"ChannelType\": \"APNS\"}},"
                + " \"MessageConfiguration\": {\"APNSMessage\": {\"Action\": \"OPEN_APP\","
                + " \"Title\": \"Test Push Notification\","
                + " \"Body\": \"Test notification - Your app is working!\", \"Sound\": \"default\"}}}";

        ProcessBuilder cli = new ProcessBuilder("aws", "pinpoint", "send-messages", "--endpoint-url",
                stack.server.endpoint().toString(), "--region", "us-east-1", "--application-id", app,
                "--message-request", request, "--output", "json")
                .redirectErrorStream(true);
        cli.environment().put("AWS_ACCESS_KEY_ID", "local");
        cli.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        Process aws = cli.start();
        aws.getOutputStream().close();
        String output = new String(aws.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(aws.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(aws.exitValue()).as(output).isZero();
        JsonNode result = EventSamples.readJson(output).path("MessageResponse").path("Result").path(token);
        assertThat(result.path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
        assertThat(result.path("StatusCode").asInt()).isEqualTo(200);
        assertThat(stack.apnsReceived(token)).singleElement()
                .satisfies(r -> assertThat(r.payload()).contains("Your app is working!"));
    }

    @Test
    void theAwsCliInvokesTheSendFunctionWithTheDirectSample(@TempDir Path folder)
            throws Exception {
        String app = stack.newApp();
        Path payload = Files.writeString(folder.resolve("send.json"), EventSamples.forApp("direct-send-messages.json", app));
        Path out = folder.resolve("out.json");

        ProcessBuilder cli = new ProcessBuilder("aws", "lambda", "invoke", "--endpoint-url",
                stack.server.endpoint().toString(), "--region", "us-east-1", "--function-name", "pinpush-send",
                "--payload", "fileb://" + payload, out.toString()).redirectErrorStream(true);
        cli.environment().put("AWS_ACCESS_KEY_ID", "local");
        cli.environment().put("AWS_SECRET_ACCESS_KEY", "local");
        Process aws = cli.start();
        aws.getOutputStream().close();
        String output = new String(aws.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(aws.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(aws.exitValue()).as(output).isZero();
        assertThat(EventSamples.readJson(output).path("StatusCode").asInt()).isEqualTo(200);
        assertThat(EventSamples.readJson(Files.readString(out)).path("MessageResponse").path("Result").path(SAMPLE_APNS_TOKEN)
                .path("DeliveryStatus").asText()).isEqualTo("SUCCESSFUL");
    }
}
