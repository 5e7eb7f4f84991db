package io.pinpush.providers;

import static io.pinpush.providers.ProviderTesting.config;
import static io.pinpush.providers.ProviderTesting.rendered;
import static io.pinpush.providers.ProviderTesting.request;
import static io.pinpush.providers.ProviderTesting.sendAndWait;
import static io.pinpush.providers.ProviderTesting.settings;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.channels.ChannelType;
import io.pinpush.local.standins.FcmStandIn;
import io.pinpush.local.standins.StandInTls;
import io.pinpush.providers.fcm.FcmRenderer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Clock;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The benchmarks' FCM stand-in: records nothing, still checks the bearer token, counts what it accepted. */
class FcmStandInLeanTest {

    private final FcmStandIn fcm = FcmStandIn.lean();
    private final FcmStandIn.ServiceAccount account = fcm.createServiceAccount("lean-project");

    @AfterEach
    void tearDown() {
        fcm.close();
    }

    @Test
    void theGatewayDeliversThroughItWithAMintedTokenAndNothingIsRecorded() {
        InMemoryChannels channels = new InMemoryChannels();
        channels.put("app", ChannelType.GCM, 1, account.credentials());
        ProviderGateway gateway = new ProviderGateway(config(settings(null, fcm)), channels, Clock.systemUTC());
        try {
            RenderedPush push = rendered(new FcmRenderer(Clock.systemUTC()).render(
                    request(ChannelType.GCM, "device-1", "{\"GCMMessage\": {\"Title\": \"Hi\", \"Body\": \"Hello\"}}")));

            ProviderOutcome outcome = sendAndWait(gateway, "app", push);

            assertThat(outcome).isInstanceOf(ProviderOutcome.Delivered.class);
            assertThat(DeliveryResult.of(outcome).messageId()).startsWith("projects/lean-project/messages/");
            assertThat(fcm.acceptedSends()).isEqualTo(1);
            assertThat(fcm.received()).isEmpty();
        } finally {
            gateway.close();
        }
    }

    @Test
    void onlyAnIssuedBearerTokenIsAccepted() throws Exception {
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_2)
                .sslContext(Pem.trusting(Files.readString(StandInTls.caFile()))).build();
        URI send = URI.create(fcm.endpoint() + "/v1/projects/lean-project/messages:send");
        String body = "{\"message\": {\"token\": \"device-1\"}}";

        HttpResponse<String> refused = http.send(HttpRequest.newBuilder(send).header("Authorization", "Bearer ya29.made-up")
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> accepted = http.send(HttpRequest.newBuilder(send)
                .header("Authorization", "Bearer " + fcm.issueAccessToken(account))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(refused.statusCode()).isEqualTo(401);
        assertThat(accepted.statusCode()).isEqualTo(200);
        assertThat(accepted.version()).isEqualTo(HttpClient.Version.HTTP_2);
        assertThat(fcm.acceptedSends()).isEqualTo(1);
        assertThat(fcm.received()).isEmpty();
    }
}
