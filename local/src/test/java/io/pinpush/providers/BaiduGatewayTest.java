package io.pinpush.providers;

import static io.pinpush.providers.ProviderTesting.config;
import static io.pinpush.providers.ProviderTesting.rendered;
import static io.pinpush.providers.ProviderTesting.request;
import static io.pinpush.providers.ProviderTesting.sendAndWait;
import static io.pinpush.providers.ProviderTesting.settings;
import static io.pinpush.providers.ProviderTesting.uniqueId;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.channels.ChannelType;
import io.pinpush.local.standins.BaiduStandIn;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.providers.baidu.BaiduRenderer;
import io.pinpush.providers.baidu.BaiduSignature;
import io.pinpush.testing.StandInsExtension;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(StandInsExtension.class)
class BaiduGatewayTest {

    private static final String MESSAGE = "{\"BaiduMessage\": {\"Title\": \"Hi\", \"Body\": \"Hello * & = %\", \"TimeToLive\": 60}}";

    private final BaiduStandIn baidu;
    private final Clock clock = Clock.systemUTC();
    private final InMemoryChannels channels = new InMemoryChannels();
    private final BaiduRenderer renderer = new BaiduRenderer(clock);
    private final String app = uniqueId("app");
    private final String apiKey = uniqueId("api-");
    private final String secretKey = uniqueId("secret-");
    private ProviderGateway gateway;

    BaiduGatewayTest(BaiduStandIn baidu) {
        this.baidu = baidu;
    }

    @BeforeEach
    void setUp() {
        baidu.registerApp(apiKey, secretKey);
        channels.put(app, ChannelType.BAIDU, 1, new ChannelCredentials.Baidu(apiKey, secretKey));
        gateway = new ProviderGateway(config(settings(null, baidu)), channels, clock);
    }

    @AfterEach
    void tearDown() {
        gateway.close();
    }

    private ProviderOutcome send(String channelId) {
        return sendAndWait(gateway, app, rendered(renderer.render(request(ChannelType.BAIDU, channelId, MESSAGE))));
    }

    private Map<String, String> sentTo(String channelId) {
        return baidu.sendRequests().stream().map(BaiduStandIn::params)
                .filter(params -> channelId.equals(params.get("channel_id"))).findFirst().orElseThrow();
    }

    @Test
    void deliversASignedSingleDevicePush() {
        String channelId = uniqueId("channel-");

        DeliveryResult result = DeliveryResult.of(send(channelId));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.SUCCESSFUL);
        assertThat(result.statusCode()).isEqualTo(200);
        assertThat(result.messageId()).isNotBlank();
        Map<String, String> params = sentTo(channelId);
        assertThat(params).containsEntry("apikey", apiKey).containsEntry("msg_type", "1").containsEntry("msg_expires", "60")
                .containsKeys("timestamp", "sign");
        assertThat(params.get("sign")).isEqualTo(BaiduSignature.sign("POST", baidu.endpoint() + "/push/single_device", params, secretKey));
        assertThat(Json.read(params.get("msg"), JsonNode.class).path("description").asText()).isEqualTo("Hello * & = %");
    }

    @Test
    void aWrongSecretKeyFailsTheSignatureAndIsNotRetried() {
        channels.put(app, ChannelType.BAIDU, 2, new ChannelCredentials.Baidu(apiKey, "not-the-secret"));

        DeliveryResult result = DeliveryResult.of(send(uniqueId("channel-")));

        // Rejected credentials: Pinpoint's 400 permanent failure, the provider's answer in the message.
        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(result.statusCode()).isEqualTo(400);
        assertThat(result.statusMessage()).isEqualTo("30603 Authentication Failed (provider HTTP 401)");
        assertThat(result.retryable()).isFalse();
    }

    @Test
    void anUnboundChannelIdIsPermanentAndInvalidatesTheToken() {
        String channelId = uniqueId("channel-");
        baidu.respondTo(channelId, 400, 30608, "Bind Relation Not Found");

        DeliveryResult result = DeliveryResult.of(send(channelId));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.PERMANENT_FAILURE);
        assertThat(result.tokenInvalid()).isTrue();
        assertThat(result.statusMessage()).isEqualTo("30608 Bind Relation Not Found (provider HTTP 404)");
    }

    @Test
    void rateLimitsAreThrottledAndRetried() {
        String channelId = uniqueId("channel-");
        baidu.respondTo(channelId, 503, 30699, "Requests Are Too Frequent To Be Temporarily Rejected");

        DeliveryResult result = DeliveryResult.of(send(channelId));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.THROTTLED);
        assertThat(result.statusCode()).isEqualTo(429);
        assertThat(result.retryable()).isTrue();
    }

    @Test
    void serverErrorsAreTemporaryAndRetried() {
        String channelId = uniqueId("channel-");
        baidu.respondTo(channelId, 500, 30600, "Internal Server Error");

        DeliveryResult result = DeliveryResult.of(send(channelId));

        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
        assertThat(result.retryable()).isTrue();
        assertThat(result.tokenInvalid()).isFalse();
    }
}
