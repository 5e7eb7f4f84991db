package io.pinpush.providers.adm;

import static io.pinpush.providers.Renders.CLOCK;
import static io.pinpush.providers.Renders.NOW;
import static io.pinpush.providers.Renders.json;
import static io.pinpush.providers.Renders.rendered;
import static io.pinpush.providers.Renders.request;
import static io.pinpush.providers.Renders.withOverrides;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.channels.ChannelType;
import io.pinpush.providers.RenderRequest;
import io.pinpush.providers.RenderResult;
import io.pinpush.providers.RenderedPush;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class AdmRendererTest {

    private static final String REGISTRATION_ID = "amzn1.adm-registration.v3.device-1";

    private final AdmRenderer renderer = new AdmRenderer(CLOCK);

    private RenderedPush render(RenderRequest request) {
        return rendered(renderer.render(request));
    }

    private static RenderRequest adm(String configuration) {
        return request(ChannelType.ADM, REGISTRATION_ID, configuration);
    }

    @Test
    void standardMessageCarriesEverythingAsPinpointDataKeysWithConsolidationAndExpiry() {
        RenderedPush push = render(adm("""
                {"ADMMessage": {"Action": "URL", "Url": "https://www.example.com", "Title": "Hi", "Body": "Hello",
                 "ImageUrl": "https://img.example.com/big.png", "ImageIconUrl": "https://img.example.com/icon.png",
                 "SmallImageIconUrl": "https://img.example.com/small.png", "IconReference": "ic_stat",
                 "Sound": "ding", "ConsolidationKey": "scores", "ExpiresAfter": "3600", "Data": {"gameId": "42"}}}
                """));

        assertThat(json(push.body())).isEqualTo(json("""
                {"data": {"pinpoint.campaign.campaign_id": "_DIRECT",
                          "pinpoint.notification.title": "Hi", "pinpoint.notification.body": "Hello",
                          "pinpoint.notification.silentPush": "0", "pinpoint.url": "https://www.example.com",
                          "pinpoint.notification.imageUrl": "https://img.example.com/big.png",
                          "pinpoint.notification.imageIconUrl": "https://img.example.com/icon.png",
                          "pinpoint.notification.imageSmallIconUrl": "https://img.example.com/small.png",
                          "pinpoint.notification.icon": "ic_stat", "pinpoint.notification.sound": "ding",
                          "gameId": "42", "pinpoint.jsonBody": "{\\"gameId\\":\\"42\\"}"},
                 "consolidationKey": "scores", "expiresAfter": 3600}
                """));
        assertThat(push.address()).isEqualTo(REGISTRATION_ID);
        assertThat(push.expiresAtEpochMs()).isEqualTo(NOW.plusSeconds(3600).toEpochMilli());
    }

    @Test
    void silentPushIsFlaggedForTheSdkSoItShowsNothing() {
        RenderedPush push = render(adm("{\"ADMMessage\": {\"SilentPush\": true, \"Body\": \"sync\"}}"));

        assertThat(json(push.body()).path("data").path("pinpoint.notification.silentPush").asText()).isEqualTo("1");
        assertThat(push.expiresAtEpochMs()).isNull();
    }

    @Test
    void channelFieldsOverrideDefaultsAndAddressOverridesWin() {
        RenderRequest request = withOverrides(adm("""
                {"DefaultMessage": {"Body": "default body", "Substitutions": {"name": ["Default"]}},
                 "DefaultPushNotificationMessage": {"Title": "push title", "Body": "push body", "Action": "DEEP_LINK",
                                                    "Url": "myapp://inbox", "Data": {"a": "push", "b": "push"}},
                 "ADMMessage": {"Title": "Hi {{name}}", "Data": {"b": "adm"}}}
                """), "address body", null, null, Map.of("name", List.of("Ann")), Map.of("source", "test"));

        Map<String, String> data = AdmRenderer.stringMap(json(render(request).body()).path("data"));

        assertThat(data).containsEntry("pinpoint.notification.title", "Hi Ann")
                .containsEntry("pinpoint.notification.body", "address body")
                .containsEntry("pinpoint.deeplink", "myapp://inbox")
                .containsEntry("a", "push").containsEntry("b", "adm")
                .containsEntry("pinpoint.source", "test");
    }

    @Test
    void rawContentIsTheAdmBodyAsWrittenWithMessageOptionsWhereItIsSilent() {
        RenderedPush push = render(withOverrides(adm("{\"ADMMessage\": {\"ConsolidationKey\": \"ck\", \"ExpiresAfter\": \"120\"}}"),
                null, null, "{\"data\": {\"k\": \"v\"}, \"expiresAfter\": 600}", null, null));

        assertThat(json(push.body())).isEqualTo(json("{\"data\": {\"k\": \"v\"}, \"expiresAfter\": 600, \"consolidationKey\": \"ck\"}"));
    }

    @Test
    void md5MustMatchTheDataAndIsRecomputedOverTheDataSent() {
        String md5 = AdmRenderer.checksum(Map.of("k", "v", "a", "b"));
        RenderedPush push = render(adm("{\"ADMMessage\": {\"Body\": \"b\", \"Data\": {\"k\": \"v\", \"a\": \"b\"}, \"MD5\": \"" + md5 + "\"}}"));

        Map<String, String> sent = AdmRenderer.stringMap(json(push.body()).path("data"));
        assertThat(json(push.body()).path("md5").asText()).isEqualTo(AdmRenderer.checksum(sent)).isNotEqualTo(md5);

        assertThat(renderer.render(adm("{\"ADMMessage\": {\"Data\": {\"k\": \"v\"}, \"MD5\": \"bm90IHRoZSBtZDU=\"}}")))
                .isEqualTo(new RenderResult.Invalid("MD5 is not the checksum of the message's Data"));
    }

    @Test
    void checksumFollowsAdmsSortedKeyValueScheme() {
        // MD5("a:b,k:v") base64-encoded.
        assertThat(AdmRenderer.checksum(Map.of("k", "v", "a", "b"))).isEqualTo("KZMH9ZK0yFIo5A0Bpe9J/A==");
    }

    @Test
    void expiresAfterOutsideAdmsBoundsOrNotANumberIsInvalid() {
        assertThat(renderer.render(adm("{\"ADMMessage\": {\"ExpiresAfter\": \"30\"}}")))
                .isInstanceOf(RenderResult.Invalid.class);
        assertThat(renderer.render(adm("{\"ADMMessage\": {\"ExpiresAfter\": \"2678401\"}}")))
                .isInstanceOf(RenderResult.Invalid.class);
        assertThat(renderer.render(adm("{\"ADMMessage\": {\"ExpiresAfter\": \"1 hour\"}}")))
                .isEqualTo(new RenderResult.Invalid("ExpiresAfter must be a number of seconds, was 1 hour"));
    }

    @Test
    void rawContentThatIsNotAnAdmBodyIsInvalid() {
        assertThat(renderer.render(withOverrides(adm("{}"), null, null, "{\"data\": {\"n\": 1}}", null, null)))
                .isEqualTo(new RenderResult.Invalid("ADM data values must be strings; n is not"));
        assertThat(renderer.render(withOverrides(adm("{}"), null, null, "[1]", null, null)))
                .isEqualTo(new RenderResult.Invalid("RawContent must be a JSON object"));
    }

    @Test
    void messagesOverSixKilobytesAreTooLarge() {
        String body = "x".repeat(AdmRenderer.MAX_PAYLOAD_BYTES);

        assertThat(renderer.render(adm("{\"ADMMessage\": {\"Body\": \"" + body + "\"}}")))
                .isInstanceOf(RenderResult.TooLarge.class);
        assertThat(renderer.render(adm("{\"ADMMessage\": {\"Body\": \"" + "x".repeat(5000) + "\"}}")))
                .isInstanceOf(RenderResult.Rendered.class);
    }
}
