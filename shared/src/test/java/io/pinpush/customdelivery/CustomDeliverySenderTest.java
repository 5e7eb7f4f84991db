package io.pinpush.customdelivery;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.sun.net.httpserver.HttpServer;
import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.hooks.CampaignHookInvoker;
import io.pinpush.hooks.HookBatch;
import io.pinpush.hooks.HookCalls;
import io.pinpush.hooks.HookTargets;
import io.pinpush.hooks.WebhookSigning;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.secrets.FileSecretStore;
import io.pinpush.secrets.SecretStore;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CustomDeliverySenderTest {

    record Received(String timestamp, String signature, String body) {
    }

    @TempDir
    Path folder;

    @Test
    void aWebhookReceivesPinpointsCustomChannelPayloadSignedForItsApp() throws Exception {
        List<Received> received = new CopyOnWriteArrayList<>();
        List<DeliveryStatus> outcomes = new CopyOnWriteArrayList<>();
        HttpServer receiver = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 4);
        receiver.createContext("/deliver", exchange -> {
            received.add(new Received(exchange.getRequestHeaders().getFirst(WebhookSigning.TIMESTAMP_HEADER),
                    exchange.getRequestHeaders().getFirst(WebhookSigning.SIGNATURE_HEADER),
                    new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8)));
            exchange.sendResponseHeaders(204, -1);
            exchange.close();
        });
        receiver.start();
        try {
            SecretStore secrets = new FileSecretStore(folder);
            WebhookSigning signing = new WebhookSigning(secrets, "pinpush/", Clock.systemUTC());
            HookTargets targets = new HookTargets(() -> null, HttpClient.newHttpClient(), signing, Map.of(),
                    Duration.ofSeconds(5));
            CustomDeliverySender sender = new CustomDeliverySender(targets, new CampaignHookInvoker(targets,
                    new HookCalls(Duration.ofMillis(5), d -> Thread.sleep(d.toMillis())),
                    (batch, endpoint, type, status, message) -> {
                        assertThat(type).isEqualTo(ChannelType.CUSTOM);
                        outcomes.add(status);
                    }));
            CustomDeliveryConfiguration configuration = new CustomDeliveryConfiguration(
                    "http://127.0.0.1:" + receiver.getAddress().getPort() + "/deliver", List.of(ChannelType.CUSTOM));

            CampaignHookInvoker.DeliveryResult result = sender.send(
                    new HookBatch("app-7", "campaign-7", "0", "activity-7", "2026-12-03T10:00:00Z", null),
                    configuration, "{\"text\":\"Back in stock\"}",
                    List.of(endpoint("web-1", ChannelType.CUSTOM), endpoint("phone-1", ChannelType.APNS)));

            assertThat(result.delivered()).isEqualTo(1);
            assertThat(outcomes).containsExactly(DeliveryStatus.SUCCESSFUL);
            Received request = received.get(0);
            Map<?, ?> payload = Json.read(request.body(), Map.class);
            assertThat(payload.get("Message")).isEqualTo(Map.of());
            assertThat(payload.get("Data")).isEqualTo("{\"text\":\"Back in stock\"}");
            assertThat(payload.get("ApplicationId")).isEqualTo("app-7");
            assertThat(payload.get("CampaignId")).isEqualTo("campaign-7");
            assertThat(payload.get("ActivityId")).isEqualTo("activity-7");
            assertThat(((Map<?, ?>) payload.get("Endpoints")).keySet().toString())
                    .as("only the EndpointTypes").isEqualTo("[web-1]");

            // What a receiver does: read the app's key from the secret store and check the signature.
            String key = secrets.get(signing.secretName("app-7")).orElseThrow();
            assertThat(WebhookSigning.verify(key, request.timestamp(), request.body(), request.signature(),
                    Instant.now())).isTrue();
            assertThat(WebhookSigning.verify(key, request.timestamp(), request.body() + " ", request.signature(),
                    Instant.now())).as("a changed body").isFalse();
            assertThat(WebhookSigning.verify("another-key", request.timestamp(), request.body(), request.signature(),
                    Instant.now())).as("another key").isFalse();
            assertThat(WebhookSigning.verify(key, request.timestamp(), request.body(), request.signature(),
                    Instant.now().plus(WebhookSigning.REPLAY_WINDOW).plusSeconds(5))).as("a replay").isFalse();
        } finally {
            receiver.stop(0);
        }
    }

    @Test
    void theDeliveryUriIsALambdaArnOrAnHttpsUrl() {
        assertThat(new CustomDeliveryConfiguration("arn:aws:lambda:us-east-1:123456789012:function:deliver", null)
                .appliesTo(ChannelType.EMAIL)).as("no EndpointTypes: every type").isTrue();
        assertThat(new CustomDeliveryConfiguration("https://hooks.example.com/pinpush?x=1", List.of(ChannelType.GCM))
                .appliesTo(ChannelType.APNS)).isFalse();
        for (String bad : List.of("http://hooks.example.com/x", "ftp://x", "https://exa mple.com", "", "lambda:deliver")) {
            assertThatThrownBy(() -> new CustomDeliveryConfiguration(bad, null)).as(bad)
                    .isInstanceOf(ApiError.class).hasMessageContaining("DeliveryUri");
        }
    }

    private static EndpointResponse endpoint(String id, ChannelType type) {
        return new EndpointResponse("address-" + id, "app-7", null, type, null, null, null, null, "ACTIVE", id, null,
                null, "NONE", null, null);
    }
}
