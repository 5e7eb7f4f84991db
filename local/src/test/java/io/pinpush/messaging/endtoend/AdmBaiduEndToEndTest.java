package io.pinpush.messaging.endtoend;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Ids;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.local.LocalOptions;
import io.pinpush.local.LocalServer;
import io.pinpush.local.standins.AdmStandIn;
import io.pinpush.local.standins.BaiduStandIn;
import io.pinpush.local.standins.PlainHttpStandIn;
import io.pinpush.testing.PinpushExtension;
import io.pinpush.testing.StandInsExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.AddressConfiguration;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.DeliveryStatus;
import software.amazon.awssdk.services.pinpoint.model.DirectMessageConfiguration;
import software.amazon.awssdk.services.pinpoint.model.EndpointMessageResult;
import software.amazon.awssdk.services.pinpoint.model.EndpointSendConfiguration;
import software.amazon.awssdk.services.pinpoint.model.MessageResult;

/**
 * SendMessages to ADM and Baidu through the real PinpointClient into the local server (send function, queue,
 * dispatcher, the real HTTP/1.1 senders) and the ADM and Baidu stand-ins, with the channels set up through
 * UpdateAdmChannel and UpdateBaiduChannel. Retries are short (3 attempts, at most 1 s apart).
 */
@ExtendWith(StandInsExtension.class)
class AdmBaiduEndToEndTest {

    private static final int MAX_ATTEMPTS = 3;

    private static AdmStandIn adm;
    private static BaiduStandIn baidu;
    private static LocalServer server;
    private static PinpointClient pinpoint;

    @BeforeAll
    static void start(AdmStandIn admStandIn, BaiduStandIn baiduStandIn) {
        adm = admStandIn;
        baidu = baiduStandIn;
        server = LocalServer.start(LocalOptions.defaults().withPort(0).inMemoryStorage()
                .with("PINPUSH_ADM_ENDPOINT", adm.endpoint().toString())
                .with("PINPUSH_ADM_TOKEN_ENDPOINT", adm.tokenEndpoint().toString())
                .with("PINPUSH_BAIDU_ENDPOINT", baidu.endpoint().toString())
                .with("PINPUSH_PROVIDER_TIMEOUT", "PT5S")
                .with("PINPUSH_SEND_WAIT", "PT5S")
                .with("PINPUSH_MAX_ATTEMPTS", Integer.toString(MAX_ATTEMPTS))
                .with("PINPUSH_RETRY_MAX_DELAY", "PT1S"));
        pinpoint = PinpushExtension.pinpointClient(server.endpoint());
    }

    @AfterAll
    static void stop() {
        pinpoint.close();
        server.close();
    }

    @Test
    void anAdmMessageIsDeliveredWithTheClientsBearerToken() {
        String app = admApp();
        String registrationId = newId("amzn1.adm-registration.v3.");

        MessageResult result = sendOne(app, registrationId, ChannelType.ADM);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.messageId()).startsWith("standin-");
        assertThat(result.updatedToken()).isNull();
        assertThat(admSendsTo(registrationId)).singleElement().satisfies(sent -> {
            assertThat(sent.headers().get("authorization")).startsWith("Bearer Atc|standin-");
            JsonNode data = Json.read(sent.body(), JsonNode.class).path("data");
            assertThat(data.path("pinpoint.notification.title").asText()).isEqualTo("Game Request");
            assertThat(data.path("pinpoint.notification.body").asText()).isEqualTo("Bob wants to play poker");
        });
    }

    @Test
    void anUnregisteredAdmRegistrationMakesItsEndpointInactive() {
        String app = admApp();
        String registrationId = newId("reg-");
        adm.respondTo(registrationId, AdmStandIn.rejection(410, "Unregistered"));
        endpoint(app, "kindle", registrationId, ChannelType.ADM);

        EndpointMessageResult result = sendToEndpoint(app, "kindle");

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(result.statusCode()).isEqualTo(400);
        assertThat(result.address()).isEqualTo(registrationId);
        // The endpoint is updated right after the outcome is recorded, which the send may see first.
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(endpointStatus(app, "kindle")).isEqualTo("INACTIVE"));
        assertThat(admSendsTo(registrationId)).hasSize(1);
    }

    @Test
    void admThrottlingIsRetriedAndIsFinalWhenAttemptsRunOut() {
        String app = admApp();
        String registrationId = newId("reg-");
        adm.respondTo(registrationId, AdmStandIn.rejection(429, "MaxRateExceeded"));

        MessageResult result = sendOne(app, registrationId, ChannelType.ADM);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.THROTTLED);
        assertThat(result.statusCode()).isEqualTo(429);
        assertThat(result.statusMessage()).contains("MaxRateExceeded").endsWith("gave up after 3 attempts");
        assertThat(admSendsTo(registrationId)).hasSize(MAX_ATTEMPTS);
    }

    @Test
    void anAdmServerErrorIsRetriedAndIsFinalWhenAttemptsRunOut() {
        String app = admApp();
        String registrationId = newId("reg-");
        adm.respondTo(registrationId, AdmStandIn.rejection(503, "ServiceUnavailable"));

        MessageResult result = sendOne(app, registrationId, ChannelType.ADM);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
        assertThat(result.statusCode()).isEqualTo(503);
        assertThat(result.statusMessage()).endsWith("gave up after 3 attempts");
        assertThat(admSendsTo(registrationId)).hasSize(MAX_ATTEMPTS);
    }

    @Test
    void aCanonicalAdmRegistrationIdIsReturnedAndReplacesTheEndpointsAddress() {
        String app = admApp();
        String registrationId = newId("reg-");
        String canonical = newId("reg-canonical-");
        adm.canonicalize(registrationId, canonical);
        endpoint(app, "fire-tv", registrationId, ChannelType.ADM);

        EndpointMessageResult result = sendToEndpoint(app, "fire-tv");

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.updatedToken()).isEqualTo(canonical);
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
            var stored = pinpoint.getEndpoint(b -> b.applicationId(app).endpointId("fire-tv")).endpointResponse();
            assertThat(stored.address()).isEqualTo(canonical);
            assertThat(stored.endpointStatus()).isEqualTo("ACTIVE");
        });
    }

    @Test
    void aBaiduMessageIsDeliveredAsASignedSingleDevicePush() {
        String app = baiduApp();
        String channelId = newId("channel-");

        MessageResult result = sendOne(app, channelId, ChannelType.BAIDU);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.messageId()).isNotBlank();
        assertThat(baiduSendsTo(channelId)).singleElement().satisfies(params -> {
            assertThat(params).containsKeys("apikey", "timestamp", "sign");
            assertThat(Json.read(params.get("msg"), JsonNode.class).path("description").asText())
                    .isEqualTo("Bob wants to play poker");
        });
    }

    @Test
    void anUnboundBaiduChannelIdMakesItsEndpointInactive() {
        String app = baiduApp();
        String channelId = newId("channel-");
        baidu.respondTo(channelId, 400, 30608, "Bind Relation Not Found");
        endpoint(app, "android-cn", channelId, ChannelType.BAIDU);

        EndpointMessageResult result = sendToEndpoint(app, "android-cn");

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(result.statusMessage()).contains("30608 Bind Relation Not Found");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> assertThat(endpointStatus(app, "android-cn")).isEqualTo("INACTIVE"));
        assertThat(baiduSendsTo(channelId)).hasSize(1);
    }

    @Test
    void baiduRateLimitingIsRetriedAndIsFinalWhenAttemptsRunOut() {
        String app = baiduApp();
        String channelId = newId("channel-");
        baidu.respondTo(channelId, 503, 30699, "Requests Are Too Frequent To Be Temporarily Rejected");

        MessageResult result = sendOne(app, channelId, ChannelType.BAIDU);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.THROTTLED);
        assertThat(result.statusMessage()).endsWith("gave up after 3 attempts");
        assertThat(baiduSendsTo(channelId)).hasSize(MAX_ATTEMPTS);
    }

    @Test
    void aBaiduServerErrorIsRetriedAndIsFinalWhenAttemptsRunOut() {
        String app = baiduApp();
        String channelId = newId("channel-");
        baidu.respondTo(channelId, 500, 30600, "Internal Server Error");

        MessageResult result = sendOne(app, channelId, ChannelType.BAIDU);

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
        assertThat(result.statusMessage()).endsWith("gave up after 3 attempts");
        assertThat(baiduSendsTo(channelId)).hasSize(MAX_ATTEMPTS);
    }

    private static String newApp() {
        return pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("adm-baidu-e2e")))
                .applicationResponse().id();
    }

    private static String admApp() {
        String app = newApp();
        ChannelCredentials.Adm client = adm.createClient();
        pinpoint.updateAdmChannel(b -> b.applicationId(app).admChannelRequest(r -> r.enabled(true)
                .clientId(client.clientId()).clientSecret(client.clientSecret())));
        return app;
    }

    private static String baiduApp() {
        String app = newApp();
        String apiKey = newId("api-");
        String secretKey = newId("secret-");
        baidu.registerApp(apiKey, secretKey);
        pinpoint.updateBaiduChannel(b -> b.applicationId(app).baiduChannelRequest(r -> r.enabled(true)
                .apiKey(apiKey).secretKey(secretKey)));
        return app;
    }

    private static String newId(String prefix) {
        return prefix + Ids.newId();
    }

    private static DirectMessageConfiguration message() {
        return DirectMessageConfiguration.builder()
                .admMessage(m -> m.title("Game Request").body("Bob wants to play poker"))
                .baiduMessage(m -> m.title("Game Request").body("Bob wants to play poker"))
                .build();
    }

    private static MessageResult sendOne(String app, String address, ChannelType type) {
        return pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(m -> m
                        .addresses(Map.of(address, AddressConfiguration.builder().channelType(type).build()))
                        .messageConfiguration(message())))
                .messageResponse().result().get(address);
    }

    private static EndpointMessageResult sendToEndpoint(String app, String endpointId) {
        return pinpoint.sendMessages(b -> b.applicationId(app).messageRequest(m -> m
                        .endpoints(Map.of(endpointId, EndpointSendConfiguration.builder().build()))
                        .messageConfiguration(message())))
                .messageResponse().endpointResult().get(endpointId);
    }

    private static void endpoint(String app, String id, String address, ChannelType type) {
        pinpoint.updateEndpoint(b -> b.applicationId(app).endpointId(id).endpointRequest(r -> r
                .address(address).channelType(type).optOut("NONE")));
    }

    private static String endpointStatus(String app, String id) {
        return pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(id)).endpointResponse().endpointStatus();
    }

    private static List<PlainHttpStandIn.Received> admSendsTo(String registrationId) {
        return adm.sendRequests().stream()
                .filter(r -> r.path().equals("/messaging/registrations/" + registrationId + "/messages")).toList();
    }

    private static List<Map<String, String>> baiduSendsTo(String channelId) {
        return baidu.sendRequests().stream().map(BaiduStandIn::params)
                .filter(params -> channelId.equals(params.get("channel_id"))).toList();
    }
}
