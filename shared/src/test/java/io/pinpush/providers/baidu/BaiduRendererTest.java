package io.pinpush.providers.baidu;

import static io.pinpush.providers.Renders.CLOCK;
import static io.pinpush.providers.Renders.NOW;
import static io.pinpush.providers.Renders.json;
import static io.pinpush.providers.Renders.rendered;
import static io.pinpush.providers.Renders.request;
import static io.pinpush.providers.Renders.withOverrides;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.channels.ChannelType;
import io.pinpush.providers.RenderRequest;
import io.pinpush.providers.RenderResult;
import io.pinpush.providers.RenderedPush;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class BaiduRendererTest {

    private static final String CHANNEL_ID = "4975304986872672241";

    private final BaiduRenderer renderer = new BaiduRenderer(CLOCK);

    private RenderedPush render(RenderRequest request) {
        return rendered(renderer.render(request));
    }

    private static RenderRequest baidu(String configuration) {
        return request(ChannelType.BAIDU, CHANNEL_ID, configuration);
    }

    private static JsonNode msg(RenderedPush push) {
        return json(json(push.body()).path("msg").asText());
    }

    @Test
    void standardMessageIsANotificationWithPinpointKeysInCustomContent() {
        RenderedPush push = render(baidu("""
                {"BaiduMessage": {"Action": "URL", "Url": "https://www.example.com", "Title": "Hi", "Body": "Hello",
                 "ImageUrl": "https://img.example.com/big.png", "ImageIconUrl": "https://img.example.com/icon.png",
                 "SmallImageIconUrl": "https://img.example.com/small.png", "IconReference": "ic_stat",
                 "Sound": "ding", "TimeToLive": 600, "Data": {"gameId": "42"}}}
                """));

        JsonNode params = json(push.body());
        assertThat(params.path("channel_id").asText()).isEqualTo(CHANNEL_ID);
        assertThat(params.path("msg_type").asInt()).isEqualTo(1);
        assertThat(params.path("msg_expires").asInt()).isEqualTo(600);
        assertThat(msg(push)).isEqualTo(json("""
                {"title": "Hi", "description": "Hello", "open_type": 1, "url": "https://www.example.com",
                 "custom_content": {"pinpoint.campaign.campaign_id": "_DIRECT",
                          "pinpoint.notification.title": "Hi", "pinpoint.notification.body": "Hello",
                          "pinpoint.notification.silentPush": "0", "pinpoint.url": "https://www.example.com",
                          "pinpoint.notification.imageUrl": "https://img.example.com/big.png",
                          "pinpoint.notification.imageIconUrl": "https://img.example.com/icon.png",
                          "pinpoint.notification.imageSmallIconUrl": "https://img.example.com/small.png",
                          "pinpoint.notification.icon": "ic_stat", "pinpoint.notification.sound": "ding",
                          "gameId": "42", "pinpoint.jsonBody": "{\\"gameId\\":\\"42\\"}"}}
                """));
        assertThat(push.expiresAtEpochMs()).isEqualTo(NOW.plusSeconds(600).toEpochMilli());
    }

    @Test
    void silentPushIsAPassThroughMessage() {
        RenderedPush push = render(baidu("{\"BaiduMessage\": {\"SilentPush\": true, \"Action\": \"URL\", \"Url\": \"https://x\", \"Body\": \"b\"}}"));

        assertThat(json(push.body()).path("msg_type").asInt()).isZero();
        assertThat(json(push.body()).has("msg_expires")).isFalse();
        assertThat(msg(push).has("open_type")).isFalse();
        assertThat(msg(push).path("custom_content").path("pinpoint.notification.silentPush").asText()).isEqualTo("1");
    }

    @Test
    void channelFieldsOverrideDefaultsAndAddressOverridesWin() {
        RenderRequest request = withOverrides(baidu("""
                {"DefaultMessage": {"Body": "default body"},
                 "DefaultPushNotificationMessage": {"Title": "push title", "Body": "push body", "SilentPush": true},
                 "BaiduMessage": {"Title": "Hi {{name}}", "SilentPush": false}}
                """), "address body", null, null, Map.of("name", List.of("Ann")), null);

        RenderedPush push = render(request);

        assertThat(json(push.body()).path("msg_type").asInt()).isEqualTo(1);
        assertThat(msg(push).path("title").asText()).isEqualTo("Hi Ann");
        assertThat(msg(push).path("description").asText()).isEqualTo("address body");
    }

    @Test
    void rawContentIsTheMsgAsWritten() {
        RenderedPush push = render(withOverrides(baidu("{\"BaiduMessage\": {\"Substitutions\": {\"who\": [\"A \\\"quoted\\\" name\"]}}}"),
                null, null, "{\"title\": \"Hi {{who}}\", \"custom\": 1}", null, null));

        assertThat(msg(push)).isEqualTo(json("{\"title\": \"Hi A \\\"quoted\\\" name\", \"custom\": 1}"));
        assertThat(renderer.render(withOverrides(baidu("{}"), null, null, "not json", null, null)))
                .isInstanceOf(RenderResult.Invalid.class);
    }

    @Test
    void timeToLiveOutsideBaidusSevenDaysIsInvalid() {
        assertThat(renderer.render(baidu("{\"BaiduMessage\": {\"TimeToLive\": 604801}}"))).isInstanceOf(RenderResult.Invalid.class);
        assertThat(renderer.render(baidu("{\"BaiduMessage\": {\"TimeToLive\": 0}}"))).isInstanceOf(RenderResult.Invalid.class);
    }

    @Test
    void messagesOverFourKilobytesAreTooLarge() {
        assertThat(renderer.render(baidu("{\"BaiduMessage\": {\"Body\": \"" + "x".repeat(4096) + "\"}}")))
                .isInstanceOf(RenderResult.TooLarge.class);
    }

    @Test
    void signatureIsMd5OfTheUrlEncodedMethodUrlSortedParametersAndSecret() {
        String sign = BaiduSignature.sign("POST", "https://api.tuisong.baidu.com/rest/3.0/push/single_device",
                Map.of("timestamp", "1427174155", "apikey", "key", "msg", "{\"title\":\"a b*\"}"), "secret");

        // md5 of urlencode('POSThttps://api.tuisong.baidu.com/rest/3.0/push/single_deviceapikey=keymsg={"title":"a b*"}timestamp=1427174155secret')
        assertThat(sign).isEqualTo(md5("POSThttps%3A%2F%2Fapi.tuisong.baidu.com%2Frest%2F3.0%2Fpush%2Fsingle_deviceapikey%3Dkeymsg%3D"
                + "%7B%22title%22%3A%22a+b%2A%22%7Dtimestamp%3D1427174155secret"));
    }

    private static String md5(String text) {
        try {
            return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("MD5")
                    .digest(text.getBytes(java.nio.charset.StandardCharsets.US_ASCII)));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
