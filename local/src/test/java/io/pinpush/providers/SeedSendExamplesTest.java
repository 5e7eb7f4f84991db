package io.pinpush.providers;

import static io.pinpush.providers.ProviderTesting.config;
import static io.pinpush.providers.ProviderTesting.rendered;
import static io.pinpush.providers.ProviderTesting.sendAndWait;
import static io.pinpush.providers.ProviderTesting.settings;
import static io.pinpush.providers.ProviderTesting.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.channels.ChannelType;
import io.pinpush.local.standins.ApnsStandIn;
import io.pinpush.local.standins.FcmStandIn;
import io.pinpush.messaging.AddressConfiguration;
import io.pinpush.messaging.MessageRequest;
import io.pinpush.testing.StandInsExtension;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The send-messages examples of the customer's push guide (seed 000), rendered and sent to the stand-ins: each
 * produces exactly the provider request asserted here. The requests are in {@code src/test/resources/seed-sends}
 * as the guide writes them, made valid JSON (its PDF text breaks some quotes).
 */
@ExtendWith(StandInsExtension.class)
class SeedSendExamplesTest {

    private static final String GCM_TOKEN = "fcm-seed-device-token";
    private static final String APNS_TOKEN = "5d3c2b1a0f9e8d7c6b5a4f3e2d1c0b9a8f7e6d5c4b3a2f1e0d9c8b7a6f5e4d3c";
    private static final Clock CLOCK = Clock.fixed(Instant.now().truncatedTo(ChronoUnit.SECONDS), ZoneOffset.UTC);

    private final ApnsStandIn apns;
    private final FcmStandIn fcm;
    private final String app = uniqueId("app");
    private final String bundle = uniqueId("com.example.seed");
    private final PushRenderers renderers = new PushRenderers(CLOCK);
    private final ProviderGateway gateway;

    SeedSendExamplesTest(ApnsStandIn apns, FcmStandIn fcm) {
        this.apns = apns;
        this.fcm = fcm;
        ApnsStandIn.SigningKey key = apns.createSigningKey("TEAMSEED01", uniqueId("K"), bundle);
        apns.registerDevice(bundle, APNS_TOKEN);
        InMemoryChannels channels = new InMemoryChannels()
                .put(app, ChannelType.APNS, 1, new ChannelCredentials.Apns(Optional.of(key.tokenKey(bundle)), Optional.empty(), "TOKEN"))
                .put(app, ChannelType.GCM, 1, fcm.createServiceAccount("seed-project").credentials());
        gateway = new ProviderGateway(config(settings(apns, fcm)), channels, CLOCK);
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    @Test
    void gcmWithActionUrlIsASilentDataMessageWithTheUrlForTheSdk() {
        FcmStandIn.Received sent = sendToFcm("gcm-action-url.json");

        assertThat(sent.json()).isEqualTo(json("""
                {"message": {
                  "android": {"priority": "NORMAL", "ttl": "30s"},
                  "data": {"pinpoint.campaign.campaign_id": "_DIRECT",
                           "pinpoint.notification.title": "My sample message",
                           "pinpoint.notification.body": "This is a sample message",
                           "pinpoint.notification.silentPush": "1",
                           "pinpoint.url": "https://www.example.com"},
                  "token": "fcm-seed-device-token"}}
                """));
    }

    @Test
    void gcmRawContentWithAllLegacyKeysIsSentAsTheEquivalentV1Message() {
        FcmStandIn.Received sent = sendToFcm("gcm-raw-legacy.json");

        assertThat(sent.json()).isEqualTo(json("""
                {"message": {
                  "notification": {"title": "string", "body": "string"},
                  "android": {"notification": {"channel_id": "string", "body_loc_args": ["string"], "body_loc_key": "string",
                                               "click_action": "string", "color": "string", "icon": "string",
                                               "sound": "string", "tag": "string", "title_loc_args": ["string"],
                                               "title_loc_key": "string"},
                              "ttl": "309744s"},
                  "data": {"message": "hello in data"},
                  "token": "fcm-seed-device-token"}}
                """));
    }

    @Test
    void gcmRawContentWithAnFcmV1MessageIsSentAsWrittenWithTheToken() {
        FcmStandIn.Received sent = sendToFcm("gcm-raw-fcmv1.json");

        ObjectNode expected = (ObjectNode) json(resource("gcm-raw-fcmv1.expected-message.json"));
        expected.put("token", GCM_TOKEN);
        assertThat(sent.json()).isEqualTo(Json.mapper().createObjectNode().set("message", expected));
    }

    @Test
    void apnsRawContentGameInvitationIsSentVerbatim() {
        ApnsStandIn.Received received = sendToApns("apns-raw-game-invitation.json");

        assertThat(received.payload()).isEqualTo(rawContentOf("apns-raw-game-invitation.json"));
        assertThat(received.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "apns-topic", bundle,
                "apns-push-type", "alert",
                "apns-priority", "10",
                "apns-expiration", Long.toString(CLOCK.instant().plus(Duration.ofDays(1)).getEpochSecond())));
    }

    @Test
    void safariRawContentKeepsItsUrlArgsAndIsAnAlert() {
        ApnsStandIn.Received received = sendToApns("apns-safari-url-args.json");

        assertThat(received.payload()).isEqualTo(rawContentOf("apns-safari-url-args.json"));
        assertThat(json(received.payload()).path("aps").path("url-args")).isEqualTo(json("[\"\"]"));
        assertThat(received.headers()).containsEntry("apns-push-type", "alert").containsEntry("apns-priority", "10");
    }

    @Test
    void apnsWithActionUrlCarriesTheDeepLinkForTheIosSdk() {
        ApnsStandIn.Received received = sendToApns("apns-action-url.json");

        assertThat(json(received.payload())).isEqualTo(json("""
                {"aps": {"alert": {"title": "Test message sent from End User Messaging Push.",
                                   "body": "This is a sample message sent from End User Messaging Push by using the AWS SDK for Python (Boto3)."}},
                 "data": {"pinpoint": {"campaign": {"campaign_id": "_DIRECT"}, "deeplink": "https://www.example.com"}}}
                """));
        assertThat(received.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "apns-topic", bundle,
                "apns-push-type", "alert",
                "apns-priority", "5",
                "apns-expiration", Long.toString(CLOCK.instant().getEpochSecond() + 30)));
    }

    private FcmStandIn.Received sendToFcm(String example) {
        ProviderOutcome outcome = send(example);

        assertThat(outcome).isInstanceOf(ProviderOutcome.Delivered.class);
        FcmStandIn.Received sent = fcm.sendRequests().stream()
                .filter(request -> request.json().path("message").path("token").asText().equals(GCM_TOKEN))
                .reduce((first, second) -> second).orElseThrow();
        assertThat(sent.protocol()).isEqualTo("HTTP/2");
        assertThat(sent.method()).isEqualTo("POST");
        assertThat(sent.path()).isEqualTo("/v1/projects/seed-project/messages:send");
        assertThat(sent.headers().get("authorization")).matches("Bearer ya29\\.standin-\\d+");
        assertThat(sent.headers().get("content-type")).isEqualTo("application/json; charset=UTF-8");
        return sent;
    }

    /** What APNs received for the seed device; the provider token is checked here and left out of the headers. */
    private ApnsStandIn.Received sendToApns(String example) {
        ProviderOutcome outcome = send(example);

        assertThat(outcome).isInstanceOf(ProviderOutcome.Delivered.class);
        ApnsStandIn.Received received = apns.received().stream()
                .filter(notification -> notification.token().equals(APNS_TOKEN) && notification.topic().equals(bundle))
                .reduce((first, second) -> second).orElseThrow();
        Map<String, String> headers = new HashMap<>(received.headers());
        assertThat(headers.remove("authorization")).startsWith("bearer ");
        return new ApnsStandIn.Received(received.token(), headers, received.payload(), received.rejection());
    }

    private ProviderOutcome send(String example) {
        MessageRequest request = Json.read(resource(example), MessageRequest.class);
        Map.Entry<String, AddressConfiguration> address = request.addresses().entrySet().iterator().next();
        AddressConfiguration configuration = address.getValue();
        Map<String, String> context = new LinkedHashMap<>();
        Optional.ofNullable(request.context()).ifPresent(context::putAll);
        Optional.ofNullable(configuration.context()).ifPresent(context::putAll);
        RenderRequest renderRequest = new RenderRequest(configuration.channelType(), address.getKey(), null,
                request.messageConfiguration(), configuration.bodyOverride(), configuration.titleOverride(),
                configuration.rawContent(), configuration.substitutions(), context,
                Map.of("pinpoint.campaign.campaign_id", "_DIRECT"));
        return sendAndWait(gateway, app, rendered(renderers.render(renderRequest)));
    }

    private static String rawContentOf(String example) {
        MessageRequest request = Json.read(resource(example), MessageRequest.class);
        return request.messageConfiguration().apnsMessage().rawContent();
    }

    private static JsonNode json(String text) {
        return Json.read(text, JsonNode.class);
    }

    private static String resource(String name) {
        try (InputStream in = SeedSendExamplesTest.class.getResourceAsStream("/seed-sends/" + name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
