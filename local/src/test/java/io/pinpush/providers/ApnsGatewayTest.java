package io.pinpush.providers;

import static io.pinpush.providers.ProviderTesting.apnsToken;
import static io.pinpush.providers.ProviderTesting.config;
import static io.pinpush.providers.ProviderTesting.rendered;
import static io.pinpush.providers.ProviderTesting.request;
import static io.pinpush.providers.ProviderTesting.sendAndWait;
import static io.pinpush.providers.ProviderTesting.settings;
import static io.pinpush.providers.ProviderTesting.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.eatthepath.pushy.apns.server.RejectionReason;
import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.channels.ChannelType;
import io.pinpush.local.FreePorts;
import io.pinpush.local.standins.ApnsStandIn;
import io.pinpush.local.standins.StandInTls;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.providers.apns.ApnsRenderer;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import io.pinpush.testing.StandInsExtension;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StandInsExtension.class)
class ApnsGatewayTest {

    private static final String TEAM = "TEAM123456";
    private static final Clock CLOCK = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);

    private final ApnsStandIn apns;
    private final InMemoryChannels channels = new InMemoryChannels();
    private final ApnsRenderer renderer = new ApnsRenderer(CLOCK);
    private final String app = uniqueId("app");
    private final String bundle = uniqueId("com.example.tokenapp");
    private ApnsStandIn.SigningKey key;
    private ProviderGateway gateway;

    ApnsGatewayTest(ApnsStandIn apns) {
        this.apns = apns;
    }

    @BeforeEach
    void setUp() {
        key = apns.createSigningKey(TEAM, uniqueId("K"), bundle, bundle + ".voip");
        channels.put(app, ChannelType.APNS, 1, tokenCredentialsFor(key));
        gateway = new ProviderGateway(config(settings(apns, null)), channels, CLOCK);
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    private ChannelCredentials.Apns tokenCredentialsFor(ApnsStandIn.SigningKey signingKey) {
        return new ChannelCredentials.Apns(Optional.of(signingKey.tokenKey(bundle)), Optional.empty(), "TOKEN");
    }

    private ProviderOutcome send(ChannelType type, String token, String configuration) {
        return sendAndWait(gateway, app, rendered(renderer.render(request(type, token, configuration))));
    }

    private String registeredDevice() {
        String token = apnsToken();
        apns.registerDevice(bundle, token);
        return token;
    }

    private ApnsStandIn.Received lastReceivedBy(String token) {
        return apns.received().stream().filter(received -> received.token().equals(token)).reduce((a, b) -> b).orElseThrow();
    }

    private static JsonNode jwtHeader(String authorization) {
        String jwt = authorization.substring("bearer ".length());
        return Json.read(new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8), JsonNode.class);
    }

    @Test
    void tokenAuthenticatedNotificationIsDeliveredWithItsApnsId() {
        String token = registeredDevice();

        ProviderOutcome outcome = send(ChannelType.APNS, token, """
                {"APNSMessage": {"Title": "Hi", "Body": "Hello", "TimeToLive": 60, "CollapseId": "c1"}}
                """);

        DeliveryResult result = DeliveryResult.of(outcome);
        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(UUID.fromString(result.messageId())).isNotNull();
        ApnsStandIn.Received received = lastReceivedBy(token);
        assertThat(received.rejection()).isNull();
        assertThat(received.headers()).containsEntry("apns-topic", bundle)
                .containsEntry("apns-push-type", "alert")
                .containsEntry("apns-priority", "10")
                .containsEntry("apns-expiration", Long.toString(CLOCK.instant().getEpochSecond() + 60))
                .containsEntry("apns-collapse-id", "c1");
        assertThat(jwtHeader(received.headers().get("authorization")).path("kid").asText()).isEqualTo(key.keyId());
        assertThat(Json.read(received.payload(), JsonNode.class).path("aps").path("alert").path("body").asText()).isEqualTo("Hello");
    }

    @Test
    void theSnapStartWarmUpConnectsNowhereAndLeavesNoClientBehind() throws Exception {
        try (ServerSocket apnsThatMustNotBeCalled = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            Map<String, String> settings = settings(apns, null);
            settings.put("PINPUSH_APNS_ENDPOINT", "localhost:" + apnsThatMustNotBeCalled.getLocalPort());
            ProviderGateway warmed = new ProviderGateway(config(settings), channels, CLOCK);
            try {
                warmed.warmUpApns();

                apnsThatMustNotBeCalled.setSoTimeout(500);
                assertThatThrownBy(apnsThatMustNotBeCalled::accept).isInstanceOf(SocketTimeoutException.class);
            } finally {
                warmed.close();
            }
        }
        // And a gateway warmed up this way still delivers with the channel's own key, not the throwaway one.
        gateway.warmUpApns();
        String token = registeredDevice();
        assertThat(DeliveryResult.of(send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"after warm-up\"}}"))
                .deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(jwtHeader(lastReceivedBy(token).headers().get("authorization")).path("kid").asText()).isEqualTo(key.keyId());
    }

    @Test
    void certificateAuthenticatedNotificationIsDeliveredWithoutAProviderToken() {
        channels.put(app, ChannelType.APNS, 1, new ChannelCredentials.Apns(Optional.empty(),
                Optional.of(StandInTls.apnsClientCertificate()), "CERTIFICATE"));
        String token = apnsToken();
        apns.registerDevice(StandInTls.CERTIFICATE_BUNDLE_ID, token);

        ProviderOutcome outcome = send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"Hello\"}}");

        assertThat(DeliveryResult.of(outcome).deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(lastReceivedBy(token).headers()).containsEntry("apns-topic", StandInTls.CERTIFICATE_BUNDLE_ID)
                .doesNotContainKey("authorization");
    }

    @Test
    void preferredAuthenticationMethodOfTheMessageChoosesBetweenTheChannelsCredentials() {
        channels.put(app, ChannelType.APNS, 1, new ChannelCredentials.Apns(
                Optional.of(key.tokenKey(StandInTls.CERTIFICATE_BUNDLE_ID)),
                Optional.of(StandInTls.apnsClientCertificate()), "TOKEN"));
        String token = apnsToken();
        apns.registerDevice(StandInTls.CERTIFICATE_BUNDLE_ID, token);

        ProviderOutcome outcome = send(ChannelType.APNS, token,
                "{\"APNSMessage\": {\"Body\": \"b\", \"PreferredAuthenticationMethod\": \"CERTIFICATE\"}}");

        assertThat(outcome).isInstanceOf(ProviderOutcome.Delivered.class);
        assertThat(lastReceivedBy(token).headers()).doesNotContainKey("authorization");
    }

    @Test
    void voipChannelSendsToTheVoipTopicWithTheCertificate() {
        channels.put(app, ChannelType.APNS_VOIP, 1, new ChannelCredentials.Apns(Optional.empty(),
                Optional.of(StandInTls.apnsClientCertificate()), "CERTIFICATE"));
        String token = apnsToken();
        apns.registerDevice(StandInTls.CERTIFICATE_BUNDLE_ID + ".voip", token);

        ProviderOutcome outcome = send(ChannelType.APNS_VOIP, token, "{\"APNSMessage\": {\"Body\": \"Incoming call\"}}");

        assertThat(outcome).isInstanceOf(ProviderOutcome.Delivered.class);
        assertThat(lastReceivedBy(token).headers()).containsEntry("apns-topic", StandInTls.CERTIFICATE_BUNDLE_ID + ".voip")
                .containsEntry("apns-push-type", "voip");
    }

    @Test
    void sandboxChannelsUseTheSandboxEndpoint() {
        Map<String, String> settings = settings(apns, null);
        settings.put("PINPUSH_APNS_ENDPOINT", "localhost:" + FreePorts.next());
        gateway.close();
        gateway = new ProviderGateway(config(settings), channels, CLOCK);
        channels.put(app, ChannelType.APNS_SANDBOX, 1, tokenCredentialsFor(key));
        String token = registeredDevice();

        assertThat(send(ChannelType.APNS_SANDBOX, token, "{\"APNSMessage\": {\"Body\": \"b\"}}"))
                .isInstanceOf(ProviderOutcome.Delivered.class);
        assertThat(send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"b\"}}"))
                .isInstanceOf(ProviderOutcome.Failed.class);
    }

    @Test
    void badDeviceTokenIsPermanentAndInvalidatesTheToken() {
        ProviderOutcome outcome = send(ChannelType.APNS, "not-a-device-token", "{\"APNSMessage\": {\"Body\": \"b\"}}");

        assertThat(outcome).isEqualTo(new ProviderOutcome.Rejected(400, "BadDeviceToken", true, false, null));
        DeliveryResult result = DeliveryResult.of(outcome);
        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(result.tokenInvalid()).isTrue();
        assertThat(result.retryable()).isFalse();
    }

    @Test
    void unregisteredTokenIsPermanentAndReportsSinceWhen() {
        String token = registeredDevice();
        Instant since = Instant.parse("2026-01-02T03:04:05Z");
        apns.unregisterDevice(token, since);

        ProviderOutcome outcome = send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"b\"}}");

        assertThat(outcome).isEqualTo(new ProviderOutcome.Rejected(410,
                "Unregistered (token invalid since 2026-01-02T03:04:05Z)", true, false, null));
        assertThat(DeliveryResult.of(outcome).deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(DeliveryResult.of(outcome).statusCode()).isEqualTo(400);
    }

    @Test
    void tokenOfAnotherAppIsPermanentAndInvalidatesTheToken() {
        String token = apnsToken();
        apns.registerDevice("com.example.someotherapp", token);

        ProviderOutcome outcome = send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"b\"}}");

        assertThat(outcome).isEqualTo(new ProviderOutcome.Rejected(400, "DeviceTokenNotForTopic", true, false, null));
    }

    @Test
    void tooManyRequestsIsThrottledAndRetryable() {
        String token = registeredDevice();
        apns.rejectWith(token, RejectionReason.TOO_MANY_REQUESTS);

        DeliveryResult result = DeliveryResult.of(send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"b\"}}"));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.THROTTLED);
        assertThat(result.statusCode()).isEqualTo(429);
        assertThat(result.statusMessage()).isEqualTo("TooManyRequests");
        assertThat(result.retryable()).isTrue();
        assertThat(result.tokenInvalid()).isFalse();
    }

    @Test
    void providerTokenUpdatedTooOftenIsThrottled() {
        String token = registeredDevice();
        apns.rejectWith(token, RejectionReason.TOO_MANY_PROVIDER_TOKEN_UPDATES);

        DeliveryResult result = DeliveryResult.of(send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"b\"}}"));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.THROTTLED);
        assertThat(result.statusMessage()).isEqualTo("TooManyProviderTokenUpdates");
    }

    @Test
    void serverErrorsAreTemporaryAndRetryable() {
        for (RejectionReason reason : new RejectionReason[] {RejectionReason.INTERNAL_SERVER_ERROR, RejectionReason.SERVICE_UNAVAILABLE}) {
            String token = registeredDevice();
            apns.rejectWith(token, reason);

            DeliveryResult result = DeliveryResult.of(send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"b\"}}"));

            assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
            assertThat(result.statusCode()).isEqualTo(reason == RejectionReason.INTERNAL_SERVER_ERROR ? 500 : 503);
            assertThat(result.retryable()).isTrue();
        }
    }

    @Test
    void otherRejectionsAreUnknownFailuresThatAreNotRetried() {
        String token = registeredDevice();
        apns.rejectWith(token, RejectionReason.TOPIC_DISALLOWED);

        DeliveryResult result = DeliveryResult.of(send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"b\"}}"));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.UNKNOWN_FAILURE);
        assertThat(result.statusCode()).isEqualTo(400);
        assertThat(result.statusMessage()).isEqualTo("TopicDisallowed");
        assertThat(result.retryable()).isFalse();
    }

    @Test
    void unreachableApnsIsARetryableFailure() {
        Map<String, String> settings = settings(apns, null);
        settings.put("PINPUSH_APNS_ENDPOINT", "localhost:" + FreePorts.next());
        gateway.close();
        gateway = new ProviderGateway(config(settings), channels, CLOCK);

        ProviderOutcome outcome = send(ChannelType.APNS, apnsToken(), "{\"APNSMessage\": {\"Body\": \"b\"}}");

        assertThat(outcome).isInstanceOf(ProviderOutcome.Failed.class);
        assertThat(((ProviderOutcome.Failed) outcome).retryable()).isTrue();
        assertThat(((ProviderOutcome.Failed) outcome).reason()).contains("Connection refused");
        assertThat(DeliveryResult.of(outcome).deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
    }

    @Test
    void aNewCredentialVersionReplacesTheClientAndTheSameVersionKeepsIt() {
        String token = registeredDevice();
        ApnsStandIn.SigningKey rotated = apns.createSigningKey(TEAM, uniqueId("K"), bundle);

        channels.put(app, ChannelType.APNS, 1, tokenCredentialsFor(key));
        send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"one\"}}");
        // New credentials under the same version: the cached client (and its key) stays.
        channels.put(app, ChannelType.APNS, 1, tokenCredentialsFor(rotated));
        send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"two\"}}");
        String kidBeforeRotation = jwtHeader(lastReceivedBy(token).headers().get("authorization")).path("kid").asText();
        channels.put(app, ChannelType.APNS, 2, tokenCredentialsFor(rotated));
        ProviderOutcome afterRotation = send(ChannelType.APNS, token, "{\"APNSMessage\": {\"Body\": \"three\"}}");

        assertThat(kidBeforeRotation).isEqualTo(key.keyId());
        assertThat(afterRotation).isInstanceOf(ProviderOutcome.Delivered.class);
        assertThat(jwtHeader(lastReceivedBy(token).headers().get("authorization")).path("kid").asText()).isEqualTo(rotated.keyId());
    }

    @Test
    void missingOrDisabledChannelsAndUnusableCredentialsFailWithoutRetry() {
        assertThat(sendAndWait(gateway, uniqueId("other-app"), rendered(renderer.render(
                request(ChannelType.APNS, apnsToken(), "{\"APNSMessage\": {\"Body\": \"b\"}}")))))
                .isEqualTo(new ProviderOutcome.Failed("The app has no APNS channel", false));

        channels.disable(app, ChannelType.APNS);
        assertThat(send(ChannelType.APNS, apnsToken(), "{\"APNSMessage\": {\"Body\": \"b\"}}"))
                .isEqualTo(new ProviderOutcome.Failed("The app's APNS channel is disabled", false));

        channels.put(app, ChannelType.APNS, 3, new ChannelCredentials.Apns(Optional.empty(), Optional.of(
                new ChannelCredentials.Apns.Certificate("not a certificate", "not a key", bundle)), "CERTIFICATE"));
        ProviderOutcome unusable = send(ChannelType.APNS, apnsToken(), "{\"APNSMessage\": {\"Body\": \"b\"}}");
        assertThat(unusable).isInstanceOf(ProviderOutcome.Failed.class);
        assertThat(((ProviderOutcome.Failed) unusable).reason()).startsWith("The APNS channel's certificate credentials are unusable");
        assertThat(((ProviderOutcome.Failed) unusable).retryable()).isFalse();
    }

    @Test
    void notificationWhoseTimeToLiveElapsedIsNotSent() {
        String token = registeredDevice();
        RenderedPush expired = new RenderedPush(ChannelType.APNS, token, "{\"aps\": {}}", Map.of(),
                CLOCK.millis() - 1);

        assertThat(sendAndWait(gateway, app, expired)).isEqualTo(
                new ProviderOutcome.Failed("The notification's TimeToLive elapsed before it could be sent", false));
        assertThat(apns.received()).noneMatch(received -> received.token().equals(token));
    }
}
