package io.pinpush.providers;

import static io.pinpush.providers.ProviderTesting.config;
import static io.pinpush.providers.ProviderTesting.rendered;
import static io.pinpush.providers.ProviderTesting.request;
import static io.pinpush.providers.ProviderTesting.sendAndWait;
import static io.pinpush.providers.ProviderTesting.settings;
import static io.pinpush.providers.ProviderTesting.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.netty.handler.codec.http.QueryStringDecoder;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.channels.ChannelType;
import io.pinpush.local.FreePorts;
import io.pinpush.local.standins.FcmResponse;
import io.pinpush.local.standins.FcmStandIn;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.providers.fcm.FcmRenderer;
import io.pinpush.testing.MutableClock;
import io.pinpush.testing.StandInsExtension;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StandInsExtension.class)
class FcmGatewayTest {

    private static final String MESSAGE = "{\"GCMMessage\": {\"Title\": \"Hi\", \"Body\": \"Hello\"}}";

    private final FcmStandIn fcm;
    private final MutableClock clock = new MutableClock(Instant.now().truncatedTo(ChronoUnit.SECONDS));
    private final InMemoryChannels channels = new InMemoryChannels();
    private final FcmRenderer renderer = new FcmRenderer(clock);
    private final String app = uniqueId("app");
    private FcmStandIn.ServiceAccount account;
    private ProviderGateway gateway;

    FcmGatewayTest(FcmStandIn fcm) {
        this.fcm = fcm;
    }

    @BeforeEach
    void setUp() {
        account = fcm.createServiceAccount(uniqueId("project-"));
        channels.put(app, ChannelType.GCM, 1, account.credentials());
        gateway = new ProviderGateway(config(settings(null, fcm)), channels, clock);
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    private ProviderOutcome send(String token, String configuration) {
        return sendAndWait(gateway, app, rendered(renderer.render(request(ChannelType.GCM, token, configuration))));
    }

    private List<FcmStandIn.Received> tokenRequestsOf(FcmStandIn.ServiceAccount serviceAccount) {
        return fcm.tokenRequests().stream().filter(request -> claims(request).path("iss").asText().equals(serviceAccount.clientEmail())).toList();
    }

    private List<FcmStandIn.Received> sendsTo(String token) {
        return fcm.sendRequests().stream().filter(request -> request.body().contains("\"" + token + "\"")).toList();
    }

    private static JsonNode claims(FcmStandIn.Received tokenRequest) {
        return jwtPart(tokenRequest, 1);
    }

    private static JsonNode jwtPart(FcmStandIn.Received tokenRequest, int part) {
        String assertion = new QueryStringDecoder(tokenRequest.body(), StandardCharsets.UTF_8, false).parameters().get("assertion").get(0);
        return Json.read(new String(Base64.getUrlDecoder().decode(assertion.split("\\.")[part]), StandardCharsets.UTF_8), JsonNode.class);
    }

    @Test
    void deliversOverHttp2WithAnOAuthTokenMintedFromTheServiceAccount() {
        String token = uniqueId("device-");

        ProviderOutcome outcome = send(token, MESSAGE);

        DeliveryResult result = DeliveryResult.of(outcome);
        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.messageId()).startsWith("projects/" + account.projectId() + "/messages/");
        FcmStandIn.Received sent = sendsTo(token).get(0);
        assertThat(sent.protocol()).isEqualTo("HTTP/2");
        assertThat(sent.path()).isEqualTo("/v1/projects/" + account.projectId() + "/messages:send");
        assertThat(sent.headers().get("authorization")).startsWith("Bearer ya29.standin-");
        assertThat(sent.headers().get("content-type")).isEqualTo("application/json; charset=UTF-8");
        assertThat(sent.json().path("message").path("token").asText()).isEqualTo(token);

        FcmStandIn.Received minted = tokenRequestsOf(account).get(0);
        assertThat(minted.protocol()).isEqualTo("HTTP/2");
        assertThat(jwtPart(minted, 0)).isEqualTo(Json.read(
                "{\"alg\": \"RS256\", \"typ\": \"JWT\", \"kid\": \"" + Json.read(account.json(), JsonNode.class).path("private_key_id").asText() + "\"}",
                JsonNode.class));
        assertThat(claims(minted).path("scope").asText()).isEqualTo("https://www.googleapis.com/auth/firebase.messaging");
        assertThat(claims(minted).path("aud").asText()).isEqualTo(account.tokenUri());
        assertThat(claims(minted).path("exp").asLong() - claims(minted).path("iat").asLong()).isEqualTo(3600);
    }

    @Test
    void theAccessTokenIsMintedOnceReusedAndRefreshedShortlyBeforeItExpires() {
        send(uniqueId("device-"), MESSAGE);
        send(uniqueId("device-"), MESSAGE);
        clock.advance(Duration.ofMinutes(54));
        send(uniqueId("device-"), MESSAGE);
        assertThat(tokenRequestsOf(account)).hasSize(1);

        clock.advance(Duration.ofMinutes(2));
        ProviderOutcome afterRefresh = send(uniqueId("device-"), MESSAGE);

        assertThat(afterRefresh).isInstanceOf(ProviderOutcome.Delivered.class);
        assertThat(tokenRequestsOf(account)).hasSize(2);
    }

    @Test
    void aRevokedAccessTokenIsReplacedAndTheMessageSentOnceMore() {
        send(uniqueId("device-"), MESSAGE);
        fcm.revokeAccessTokens();
        String token = uniqueId("device-");

        ProviderOutcome outcome = send(token, MESSAGE);

        assertThat(outcome).isInstanceOf(ProviderOutcome.Delivered.class);
        assertThat(tokenRequestsOf(account)).hasSize(2);
        assertThat(sendsTo(token)).hasSize(2);
    }

    @Test
    void unregisteredTokenIsPermanentAndInvalidatesTheToken() {
        String token = uniqueId("device-");
        fcm.respondTo(token, FcmResponse.unregistered());

        ProviderOutcome outcome = send(token, MESSAGE);

        assertThat(outcome).isEqualTo(new ProviderOutcome.Rejected(404, "UNREGISTERED: Requested entity was not found.", true, false, null));
        assertThat(DeliveryResult.of(outcome).deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
    }

    @Test
    void malformedTokenIsPermanentAndInvalidatesTheToken() {
        String token = uniqueId("device-");
        fcm.respondTo(token, FcmResponse.invalidToken());

        DeliveryResult result = DeliveryResult.of(send(token, MESSAGE));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(result.statusCode()).isEqualTo(400);
        assertThat(result.tokenInvalid()).isTrue();
        assertThat(result.statusMessage()).isEqualTo("INVALID_ARGUMENT: The registration token is not a valid FCM registration token (provider HTTP 400)");
    }

    @Test
    void invalidMessageIsNotBlamedOnTheToken() {
        String token = uniqueId("device-");
        fcm.respondTo(token, FcmResponse.invalidMessage("Invalid value at 'message.android.ttl'"));

        DeliveryResult result = DeliveryResult.of(send(token, MESSAGE));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.UNKNOWN_FAILURE);
        assertThat(result.tokenInvalid()).isFalse();
        assertThat(result.retryable()).isFalse();
    }

    @Test
    void quotaExceededIsThrottledAndHonoursRetryAfter() {
        String token = uniqueId("device-");
        fcm.respondTo(token, FcmResponse.quotaExceeded(Duration.ofSeconds(30)));

        DeliveryResult result = DeliveryResult.of(send(token, MESSAGE));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.THROTTLED);
        assertThat(result.statusCode()).isEqualTo(429);
        assertThat(result.retryable()).isTrue();
        assertThat(result.retryAfter()).isEqualTo(Duration.ofSeconds(30));
        assertThat(result.statusMessage()).startsWith("QUOTA_EXCEEDED");
    }

    @Test
    void unavailableAndInternalAreTemporaryAndRetryable() {
        for (FcmResponse response : List.of(FcmResponse.unavailable(), FcmResponse.internal())) {
            String token = uniqueId("device-");
            fcm.respondTo(token, response);

            DeliveryResult result = DeliveryResult.of(send(token, MESSAGE));

            assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
            assertThat(result.statusCode()).isEqualTo(response.status());
            assertThat(result.retryable()).isTrue();
        }
    }

    @Test
    void everyNotificationHandedToFcmIsTimedForItsAppAndNoneThatNeverReachedIt() {
        List<String> heard = new CopyOnWriteArrayList<>();
        gateway.close();
        gateway = new ProviderGateway(config(settings(null, fcm)), channels, clock, (appId, channel, latency) ->
                heard.add(appId + " " + channel + (latency.isNegative() || latency.isZero() ? " not timed" : " timed")));
        String rejected = uniqueId("device-");
        fcm.respondTo(rejected, FcmResponse.unregistered());

        send(uniqueId("device-"), MESSAGE);
        send(rejected, MESSAGE);
        ProviderOutcome noChannel = sendAndWait(gateway, uniqueId("app"),
                rendered(renderer.render(request(ChannelType.GCM, uniqueId("device-"), MESSAGE))));

        assertThat(noChannel).isInstanceOf(ProviderOutcome.Failed.class);
        assertThat(heard).containsExactly(app + " GCM timed", app + " GCM timed");
    }

    @Test
    void unreachableFcmIsARetryableFailure() {
        Map<String, String> settings = settings(null, fcm);
        settings.put("PINPUSH_FCM_ENDPOINT", "https://localhost:" + FreePorts.next());
        gateway.close();
        gateway = new ProviderGateway(config(settings), channels, clock);
        send(uniqueId("device-"), MESSAGE); // mints the token, which the stand-in still serves

        ProviderOutcome outcome = send(uniqueId("device-"), MESSAGE);

        assertThat(outcome).isInstanceOf(ProviderOutcome.Failed.class);
        assertThat(((ProviderOutcome.Failed) outcome).retryable()).isTrue();
        assertThat(DeliveryResult.of(outcome).deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
    }

    @Test
    void aServiceAccountTheTokenEndpointRefusesFailsWithoutRetry() {
        ChannelCredentials.FcmServiceAccount credentials = account.credentials();
        channels.put(app, ChannelType.GCM, 2, new ChannelCredentials.FcmServiceAccount(credentials.serviceJson(),
                credentials.projectId(), "someone-else@" + credentials.projectId() + ".iam.gserviceaccount.com",
                credentials.privateKeyPem(), credentials.tokenUri()));

        ProviderOutcome outcome = send(uniqueId("device-"), MESSAGE);

        assertThat(outcome).isInstanceOf(ProviderOutcome.Failed.class);
        assertThat(((ProviderOutcome.Failed) outcome).retryable()).isFalse();
        assertThat(((ProviderOutcome.Failed) outcome).reason()).contains("refused the service account").contains("HTTP 400");
    }

    @Test
    void legacyServerKeyChannelsSendTheLegacyFormat() {
        String serverKey = uniqueId("AAAA-legacy-");
        fcm.registerLegacyKey(serverKey);
        channels.put(app, ChannelType.GCM, 1, new ChannelCredentials.GcmApiKey(serverKey));
        String token = uniqueId("device-");

        ProviderOutcome outcome = send(token, """
                {"GCMMessage": {"Title": "Hi", "Body": "Hello", "Priority": "high", "TimeToLive": 60, "Sound": "ding",
                                "CollapseKey": "ck", "Data": {"k": "v"}}}
                """);

        assertThat(outcome).isInstanceOf(ProviderOutcome.Delivered.class);
        FcmStandIn.Received sent = sendsTo(token).get(0);
        assertThat(sent.path()).isEqualTo("/fcm/send");
        assertThat(sent.headers()).containsEntry("authorization", "key=" + serverKey);
        assertThat(sent.json()).isEqualTo(Json.read("""
                {"to": "%s",
                 "notification": {"title": "Hi", "body": "Hello", "sound": "ding"},
                 "data": {"pinpoint.campaign.campaign_id": "_DIRECT", "pinpoint.notification.title": "Hi",
                          "pinpoint.notification.body": "Hello", "pinpoint.notification.silentPush": "0",
                          "pinpoint.openApp": "true", "k": "v", "pinpoint.jsonBody": "{\\"k\\":\\"v\\"}"},
                 "priority": "high", "time_to_live": 60, "collapse_key": "ck"}
                """.formatted(token), JsonNode.class));
    }

    @Test
    void legacyErrorsMapLikeTheirV1Equivalents() {
        String serverKey = uniqueId("AAAA-legacy-");
        fcm.registerLegacyKey(serverKey);
        channels.put(app, ChannelType.GCM, 1, new ChannelCredentials.GcmApiKey(serverKey));
        String token = uniqueId("device-");
        fcm.respondTo(token, FcmResponse.legacyError("NotRegistered"));

        assertThat(send(token, MESSAGE)).isEqualTo(new ProviderOutcome.Rejected(404, "NotRegistered", true, false, null));

        channels.put(app, ChannelType.GCM, 2, new ChannelCredentials.GcmApiKey("not-a-registered-key"));
        DeliveryResult refused = DeliveryResult.of(send(uniqueId("device-"), MESSAGE));
        assertThat(refused.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(refused.statusCode()).isEqualTo(400);
        assertThat(refused.tokenInvalid()).as("the credentials, not the device").isFalse();
    }
}
