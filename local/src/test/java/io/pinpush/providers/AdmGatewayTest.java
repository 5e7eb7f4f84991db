package io.pinpush.providers;

import static io.pinpush.providers.ProviderTesting.config;
import static io.pinpush.providers.ProviderTesting.rendered;
import static io.pinpush.providers.ProviderTesting.request;
import static io.pinpush.providers.ProviderTesting.sendAndWait;
import static io.pinpush.providers.ProviderTesting.settings;
import static io.pinpush.providers.ProviderTesting.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.Json;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.channels.ChannelType;
import io.pinpush.local.FreePorts;
import io.pinpush.local.standins.AdmStandIn;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.providers.adm.AdmRenderer;
import io.pinpush.testing.MutableClock;
import io.pinpush.testing.StandInsExtension;
import com.fasterxml.jackson.databind.JsonNode;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StandInsExtension.class)
class AdmGatewayTest {

    private static final String MESSAGE = "{\"ADMMessage\": {\"Title\": \"Hi\", \"Body\": \"Hello\", \"ConsolidationKey\": \"ck\"}}";

    private final AdmStandIn adm;
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final InMemoryChannels channels = new InMemoryChannels();
    private final AdmRenderer renderer = new AdmRenderer(clock);
    private final String app = uniqueId("app");
    private ChannelCredentials.Adm client;
    private ProviderGateway gateway;

    AdmGatewayTest(AdmStandIn adm) {
        this.adm = adm;
    }

    @BeforeEach
    void setUp() {
        client = adm.createClient();
        channels.put(app, ChannelType.ADM, 1, client);
        gateway = new ProviderGateway(config(settings(adm, null)), channels, clock);
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    private ProviderOutcome send(String registrationId) {
        return sendAndWait(gateway, app, rendered(renderer.render(request(ChannelType.ADM, registrationId, MESSAGE))));
    }

    private List<AdmStandIn.Received> tokenRequestsOf(ChannelCredentials.Adm credentials) {
        return adm.tokenRequests().stream()
                .filter(request -> credentials.clientId().equals(AdmStandIn.form(request.body()).get("client_id"))).toList();
    }

    private List<AdmStandIn.Received> sendsTo(String registrationId) {
        return adm.sendRequests().stream()
                .filter(request -> request.path().equals("/messaging/registrations/" + registrationId + "/messages")).toList();
    }

    @Test
    void deliversWithABearerTokenFromTheClientCredentialsGrant() {
        String registrationId = uniqueId("amzn1.adm-registration.v3.");

        DeliveryResult result = DeliveryResult.of(send(registrationId));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.messageId()).startsWith("standin-");
        assertThat(result.updatedToken()).isNull();
        AdmStandIn.Received sent = sendsTo(registrationId).get(0);
        assertThat(sent.headers().get("authorization")).startsWith("Bearer Atc|standin-");
        assertThat(sent.headers()).containsEntry("x-amzn-type-version", "com.amazon.device.messaging.ADMMessage@1.0")
                .containsEntry("x-amzn-accept-type", "com.amazon.device.messaging.ADMSendResult@1.0");
        JsonNode body = Json.read(sent.body(), JsonNode.class);
        assertThat(body.path("consolidationKey").asText()).isEqualTo("ck");
        assertThat(body.path("data").path("pinpoint.notification.title").asText()).isEqualTo("Hi");
        assertThat(AdmStandIn.form(tokenRequestsOf(client).get(0).body())).isEqualTo(Map.of(
                "grant_type", "client_credentials", "scope", "messaging:push",
                "client_id", client.clientId(), "client_secret", client.clientSecret()));
    }

    @Test
    void theAccessTokenIsReusedAndRefreshedShortlyBeforeItExpires() {
        send(uniqueId("reg-"));
        send(uniqueId("reg-"));
        clock.advance(Duration.ofMinutes(54));
        send(uniqueId("reg-"));
        assertThat(tokenRequestsOf(client)).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        assertThat(send(uniqueId("reg-"))).isInstanceOf(ProviderOutcome.Delivered.class);
        assertThat(tokenRequestsOf(client)).hasSize(2);
    }

    @Test
    void anExpiredAccessTokenIsReplacedAndTheMessageSentOnceMore() {
        send(uniqueId("reg-"));
        adm.revokeAccessTokens();
        String registrationId = uniqueId("reg-");

        assertThat(send(registrationId)).isInstanceOf(ProviderOutcome.Delivered.class);
        assertThat(tokenRequestsOf(client)).hasSize(2);
        assertThat(sendsTo(registrationId)).hasSize(2);
    }

    @Test
    void aCanonicalRegistrationIdBecomesTheUpdatedToken() {
        String registrationId = uniqueId("reg-");
        adm.canonicalize(registrationId, "reg-canonical");

        DeliveryResult result = DeliveryResult.of(send(registrationId));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.updatedToken()).isEqualTo("reg-canonical");
    }

    @Test
    void invalidOrUnregisteredRegistrationIdsArePermanentAndInvalidateTheToken() {
        for (AdmStandIn.Answer answer : List.of(AdmStandIn.rejection(400, "InvalidRegistrationId"),
                AdmStandIn.rejection(410, "Unregistered"))) {
            String registrationId = uniqueId("reg-");
            adm.respondTo(registrationId, answer);

            DeliveryResult result = DeliveryResult.of(send(registrationId));

            assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
            assertThat(result.statusCode()).as("Pinpoint's 400 for an invalid token").isEqualTo(400);
            assertThat(result.statusMessage()).contains("provider HTTP " + answer.status());
            assertThat(result.tokenInvalid()).isTrue();
            assertThat(result.retryable()).isFalse();
        }
    }

    @Test
    void maxRateExceededIsThrottledAndHonoursRetryAfter() {
        String registrationId = uniqueId("reg-");
        adm.respondTo(registrationId, AdmStandIn.rejection(429, "MaxRateExceeded").withHeader("Retry-After", "20"));

        DeliveryResult result = DeliveryResult.of(send(registrationId));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.THROTTLED);
        assertThat(result.statusMessage()).isEqualTo("MaxRateExceeded");
        assertThat(result.retryable()).isTrue();
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void serverErrorsAreTemporaryAndRetryable() {
        for (int status : new int[] {500, 503}) {
            String registrationId = uniqueId("reg-");
            adm.respondTo(registrationId, AdmStandIn.rejection(status, "InternalServerError"));

            DeliveryResult result = DeliveryResult.of(send(registrationId));

            assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
            assertThat(result.statusCode()).isEqualTo(status);
            assertThat(result.retryable()).isTrue();
        }
    }

    @Test
    void aRefusedMessageIsNotBlamedOnTheToken() {
        String registrationId = uniqueId("reg-");
        adm.respondTo(registrationId, AdmStandIn.rejection(413, "MessageTooLarge"));

        DeliveryResult result = DeliveryResult.of(send(registrationId));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.UNKNOWN_FAILURE);
        assertThat(result.tokenInvalid()).isFalse();
        assertThat(result.retryable()).isFalse();
    }

    @Test
    void refusedClientCredentialsFailWithoutRetry() {
        channels.put(app, ChannelType.ADM, 2, new ChannelCredentials.Adm(client.clientId(), "wrong-secret"));

        ProviderOutcome outcome = send(uniqueId("reg-"));

        assertThat(outcome).isInstanceOf(ProviderOutcome.Failed.class);
        assertThat(((ProviderOutcome.Failed) outcome).retryable()).isFalse();
        assertThat(((ProviderOutcome.Failed) outcome).reason()).contains("refused client").contains("HTTP 401");
    }

    @Test
    void unreachableAdmIsARetryableFailure() {
        Map<String, String> settings = settings(adm, null);
        settings.put("PINPUSH_ADM_ENDPOINT", "http://localhost:" + FreePorts.next());
        gateway.close();
        gateway = new ProviderGateway(config(settings), channels, clock);

        DeliveryResult result = DeliveryResult.of(send(uniqueId("reg-")));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
        assertThat(result.retryable()).isTrue();
    }
}
