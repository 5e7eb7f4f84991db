package io.pinpush.hooks;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.apps.CampaignHook;
import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointUser;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.secrets.FileSecretStore;
import java.net.URI;
import java.net.http.HttpClient;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;

class CampaignHookInvokerTest {

    record Outcome(String endpointId, ChannelType type, DeliveryStatus status, String message) {
    }

    @TempDir
    Path secrets;

    final List<Outcome> outcomes = new CopyOnWriteArrayList<>();
    final HookBatch batch = new HookBatch("app-1", "campaign-1", "0", "activity-1", "2026-12-03T10:00:00Z",
            Map.of("GCMMessage", Map.of("Body", "Your cart misses you")));

    WebhookSigning signing() {
        return new WebhookSigning(new FileSecretStore(secrets), "pinpush/", Clock.systemUTC());
    }

    CampaignHookInvoker invoker(Map<String, URI> lambdaUrls, Duration timeout, LambdaClient lambda) {
        HookTargets targets = new HookTargets(() -> lambda, HttpClient.newHttpClient(), signing(), lambdaUrls, timeout);
        return new CampaignHookInvoker(targets, new HookCalls(Duration.ofMillis(5), d -> Thread.sleep(d.toMillis())),
                (b, endpoint, type, status, message) -> outcomes.add(new Outcome(endpoint.id(), type, status, message)));
    }

    CampaignHookInvoker invoker() {
        return invoker(Map.of(), Duration.ofSeconds(5), null);
    }

    static EndpointResponse endpoint(String id) {
        return new EndpointResponse("token-" + id, "app-1", Map.of("tier", List.of("gold")), ChannelType.GCM, null,
                null, null, null, "ACTIVE", id, null, null, "NONE", null, new EndpointUser(null, "user-" + id));
    }

    static List<EndpointResponse> endpoints(int count) {
        return IntStream.range(0, count).mapToObj(i -> endpoint("e" + i)).toList();
    }

    static CampaignHook webHook(HookServer server, CampaignHook.HookMode mode) {
        return new CampaignHook(null, mode, server.url("/hook").toString());
    }

    @Test
    void aFilterHookDropsAndEnrichesEndpointsAndReceivesPinpointsEvent() {
        try (HookServer hook = new HookServer(request -> {
            // Keep e0 with a new attribute, drop e1, try to add an endpoint that was not sent.
            return HookServer.Answer.ok("""
                    {"e0": {"Attributes": {"tier": ["gold"], "CreditScore": ["712"]}, "Address": "elsewhere"},
                     "intruder": {"Address": "x"}}""");
        })) {
            CampaignHookInvoker.FilterResult result = invoker().filter(batch,
                    webHook(hook, CampaignHook.HookMode.FILTER), endpoints(2));

            assertThat(result.kept()).extracting(EndpointResponse::id).containsExactly("e0");
            assertThat(result.kept().get(0).attributes()).containsEntry("CreditScore", List.of("712"));
            assertThat(result.kept().get(0).address()).as("a hook cannot redirect the message").isEqualTo("token-e0");
            assertThat(result.dropped()).isEqualTo(1);
            assertThat(result.failedBatches()).isZero();
            assertThat(outcomes).isEmpty();

            JsonNode sent = Json.mapper().valueToTree(Json.read(hook.requests.get(0).body(), Map.class));
            assertThat(sent.path("ApplicationId").asText()).isEqualTo("app-1");
            assertThat(sent.path("CampaignId").asText()).isEqualTo("campaign-1");
            assertThat(sent.path("TreatmentId").asText()).isEqualTo("0");
            assertThat(sent.path("ActivityId").asText()).isEqualTo("activity-1");
            assertThat(sent.path("ScheduledTime").asText()).isEqualTo("2026-12-03T10:00:00Z");
            assertThat(sent.path("MessageConfiguration").path("GCMMessage").path("Body").asText())
                    .isEqualTo("Your cart misses you");
            assertThat(sent.path("Endpoints").path("e1").path("Address").asText()).isEqualTo("token-e1");
            assertThat(sent.path("Endpoints").path("e1").path("User").path("UserId").asText()).isEqualTo("user-e1");
        }
    }

    @Test
    void endpointsGoToTheHookAtMostFiftyPerCall() {
        try (HookServer hook = new HookServer(request -> HookServer.Answer.ok(
                Json.write(Json.read(request.body(), Map.class).get("Endpoints"))))) {
            CampaignHookInvoker.FilterResult result = invoker().filter(batch,
                    webHook(hook, CampaignHook.HookMode.FILTER), endpoints(120));

            assertThat(result.kept()).hasSize(120);
            assertThat(hook.requests).extracting(r -> ((Map<?, ?>) Json.read(r.body(), Map.class).get("Endpoints")).size())
                    .containsExactly(50, 50, 20);
        }
    }

    @Test
    void aFailingHookIsTriedThreeTimesThenItsBatchFailsAndIsCounted() {
        try (HookServer hook = new HookServer(request -> new HookServer.Answer(503, "{\"message\":\"down\"}", Map.of()))) {
            CampaignHookInvoker.FilterResult result = invoker().filter(batch,
                    webHook(hook, CampaignHook.HookMode.FILTER), endpoints(3));

            assertThat(hook.requests).hasSize(HookCalls.ATTEMPTS);
            assertThat(result.kept()).isEmpty();
            assertThat(result.failedBatches()).isEqualTo(1);
            assertThat(result.failedEndpoints()).isEqualTo(3);
            assertThat(outcomes).hasSize(3).allSatisfy(o -> {
                assertThat(o.status()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
                assertThat(o.type()).isEqualTo(ChannelType.GCM);
                assertThat(o.message()).contains("503").contains("after 3 attempts");
            });
        }
    }

    @Test
    void aHookThatRecoversOnTheSecondAttemptSucceeds() {
        List<Integer> calls = new ArrayList<>();
        try (HookServer hook = new HookServer(request -> {
            calls.add(1);
            return calls.size() == 1 ? new HookServer.Answer(500, "{}", Map.of())
                    : HookServer.Answer.ok(Json.write(Json.read(request.body(), Map.class).get("Endpoints")));
        })) {
            CampaignHookInvoker.FilterResult result = invoker().filter(batch,
                    webHook(hook, CampaignHook.HookMode.FILTER), endpoints(2));
            assertThat(hook.requests).hasSize(2);
            assertThat(result.kept()).hasSize(2);
            assertThat(outcomes).isEmpty();
        }
    }

    @Test
    void aHookSlowerThanTheTimeoutFailsAfterThreeAttempts() {
        try (HookServer hook = new HookServer(request -> {
            try {
                Thread.sleep(1_500); // the hook is slow: longer than the 200 ms timeout this test configures
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            return HookServer.Answer.ok("{}");
        })) {
            CampaignHookInvoker.FilterResult result = invoker(Map.of(), Duration.ofMillis(200), null).filter(batch,
                    webHook(hook, CampaignHook.HookMode.FILTER), endpoints(1));
            assertThat(result.failedBatches()).isEqualTo(1);
            assertThat(outcomes).singleElement().satisfies(o -> assertThat(o.message()).contains("did not answer"));
        }
    }

    @Test
    void aMalformedAnswerFailsTheBatchWithoutRetrying() {
        for (String malformed : List.of("not json", "[1,2]", "{\"e0\": \"gone\"}")) {
            outcomes.clear();
            try (HookServer hook = new HookServer(request -> HookServer.Answer.ok(malformed))) {
                CampaignHookInvoker.FilterResult result = invoker().filter(batch,
                        webHook(hook, CampaignHook.HookMode.FILTER), endpoints(1));
                assertThat(hook.requests).as(malformed).hasSize(1);
                assertThat(result.failedBatches()).as(malformed).isEqualTo(1);
                assertThat(outcomes).singleElement().satisfies(o -> {
                    assertThat(o.status()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
                    assertThat(o.message()).contains("cannot be used");
                });
            }
        }
    }

    @Test
    void aDeliveryHookReceivesTheEventAndItsSuccessDeliversEachEndpointAsCustom() {
        try (HookServer hook = new HookServer(request -> HookServer.Answer.ok("{\"statusCode\":200}"))) {
            CampaignHookInvoker.DeliveryResult result = invoker().deliver(batch,
                    webHook(hook, CampaignHook.HookMode.DELIVERY), endpoints(2));

            assertThat(result.delivered()).isEqualTo(2);
            assertThat(outcomes).extracting(Outcome::endpointId, Outcome::type, Outcome::status).containsExactly(
                    org.assertj.core.groups.Tuple.tuple("e0", ChannelType.CUSTOM, DeliveryStatus.SUCCESSFUL),
                    org.assertj.core.groups.Tuple.tuple("e1", ChannelType.CUSTOM, DeliveryStatus.SUCCESSFUL));
            Map<?, ?> sent = Json.read(hook.requests.get(0).body(), Map.class);
            assertThat(sent.get("CampaignId")).isEqualTo("campaign-1");
            assertThat(((Map<?, ?>) sent.get("Endpoints")).keySet().toString()).isEqualTo("[e0, e1]");
        }
    }

    @Test
    void aLambdaFunctionNameMappedToAUrlIsCalledThereOnALaptop() {
        try (HookServer hook = new HookServer(request -> HookServer.Answer.ok("{}"))) {
            CampaignHookInvoker.FilterResult result = invoker(Map.of("cart-filter", hook.url("/fn")),
                    Duration.ofSeconds(5), null).filter(batch,
                    new CampaignHook("arn:aws:lambda:us-east-1:123456789012:function:cart-filter",
                            CampaignHook.HookMode.FILTER, null), endpoints(1));
            assertThat(hook.requests).extracting(HookServer.Request::path).containsExactly("/fn");
            assertThat(result.dropped()).isEqualTo(1);
        }
    }

    @Test
    void aLambdaFunctionIsInvokedThroughTheLambdaApiAndItsFunctionErrorIsRetried() {
        // A stand-in for the Lambda service's Invoke API: first a function error, then the endpoints back.
        List<String> paths = new CopyOnWriteArrayList<>();
        try (HookServer lambdaApi = new HookServer(request -> {
            paths.add(request.path());
            return paths.size() == 1
                    ? new HookServer.Answer(200, "{\"errorMessage\":\"boom\"}", Map.of("X-Amz-Function-Error", "Unhandled"))
                    : HookServer.Answer.ok(Json.write(Json.read(request.body(), Map.class).get("Endpoints")));
        }); LambdaClient lambda = LambdaClient.builder().endpointOverride(lambdaApi.url("/"))
                .region(Region.US_EAST_1).httpClient(UrlConnectionHttpClient.create())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("k", "s"))).build()) {
            CampaignHookInvoker.FilterResult result = invoker(Map.of(), Duration.ofSeconds(5), lambda).filter(batch,
                    new CampaignHook("cart-filter", CampaignHook.HookMode.FILTER, null), endpoints(2));

            assertThat(paths).hasSize(2).allSatisfy(p -> assertThat(p).isEqualTo("/2015-03-31/functions/cart-filter/invocations"));
            assertThat(result.kept()).hasSize(2);
        }
    }
}
