package io.pinpush.providers.fcm;

import static io.pinpush.providers.Renders.CLOCK;
import static io.pinpush.providers.Renders.FCM_TOKEN;
import static io.pinpush.providers.Renders.NOW;
import static io.pinpush.providers.Renders.json;
import static io.pinpush.providers.Renders.rendered;
import static io.pinpush.providers.Renders.request;
import static io.pinpush.providers.Renders.withOverrides;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.Json;
import io.pinpush.channels.ChannelType;
import io.pinpush.providers.RenderRequest;
import io.pinpush.providers.RenderResult;
import io.pinpush.providers.RenderedPush;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FcmRendererTest {

    private final FcmRenderer renderer = new FcmRenderer(CLOCK);

    private RenderedPush render(RenderRequest request) {
        return rendered(renderer.render(request));
    }

    private RenderRequest raw(String rawContent, String configuration) {
        return withOverrides(request(ChannelType.GCM, FCM_TOKEN, configuration), null, null, rawContent, null, null);
    }

    @Test
    void standardMessageShowsANotificationAndCarriesPinpointKeysForTheAndroidSdk() {
        RenderedPush push = render(request(ChannelType.GCM, FCM_TOKEN, """
                {"GCMMessage": {"Action": "URL", "Url": "https://www.example.com", "Title": "Hi", "Body": "Hello",
                 "ImageUrl": "https://img.example.com/big.png", "ImageIconUrl": "https://img.example.com/icon.png",
                 "SmallImageIconUrl": "https://img.example.com/small.png", "IconReference": "ic_stat",
                 "Sound": "default", "Priority": "high", "TimeToLive": 30, "CollapseKey": "scores",
                 "RestrictedPackageName": "com.example.app", "Data": {"gameId": "42"}}}
                """));

        assertThat(json(push.body())).isEqualTo(json("""
                {"message": {
                  "notification": {"title": "Hi", "body": "Hello", "image": "https://img.example.com/big.png"},
                  "android": {"notification": {"icon": "ic_stat", "sound": "default"}, "priority": "HIGH",
                              "ttl": "30s", "collapse_key": "scores", "restricted_package_name": "com.example.app"},
                  "data": {"pinpoint.campaign.campaign_id": "_DIRECT",
                           "pinpoint.notification.title": "Hi", "pinpoint.notification.body": "Hello",
                           "pinpoint.notification.silentPush": "0", "pinpoint.url": "https://www.example.com",
                           "pinpoint.notification.imageUrl": "https://img.example.com/big.png",
                           "pinpoint.notification.imageIconUrl": "https://img.example.com/icon.png",
                           "pinpoint.notification.imageSmallIconUrl": "https://img.example.com/small.png",
                           "pinpoint.notification.icon": "ic_stat",
                           "gameId": "42", "pinpoint.jsonBody": "{\\"gameId\\":\\"42\\"}"},
                  "token": "fcm-registration-token-1"}}
                """));
        assertThat(push.headers()).isEmpty();
        assertThat(push.expiresAtEpochMs()).isEqualTo(NOW.plusSeconds(30).toEpochMilli());
    }

    @Test
    void silentPushIsADataOnlyMessage() {
        RenderedPush push = render(request(ChannelType.GCM, FCM_TOKEN, """
                {"GCMMessage": {"SilentPush": true, "Title": "t", "Body": "b", "ImageUrl": "https://i", "Sound": "s"}}
                """));

        assertThat(json(push.body()).path("message").has("notification")).isFalse();
        assertThat(json(push.body()).path("message").has("android")).isFalse();
        assertThat(json(push.body()).path("message").path("data")).isEqualTo(json("""
                {"pinpoint.campaign.campaign_id": "_DIRECT", "pinpoint.notification.title": "t",
                 "pinpoint.notification.body": "b", "pinpoint.notification.silentPush": "1", "pinpoint.openApp": "true",
                 "pinpoint.notification.imageUrl": "https://i"}
                """));
    }

    @Test
    void actionDecidesWhichPinpointKeyTellsTheSdkWhatToOpen() {
        assertThat(json(render(request(ChannelType.GCM, FCM_TOKEN,
                "{\"GCMMessage\": {\"Action\": \"DEEP_LINK\", \"Url\": \"myapp://inbox\"}}")).body())
                .path("message").path("data").path("pinpoint.deeplink").asText()).isEqualTo("myapp://inbox");
        assertThat(json(render(request(ChannelType.GCM, FCM_TOKEN, "{\"GCMMessage\": {\"Body\": \"b\"}}")).body())
                .path("message").path("data").path("pinpoint.openApp").asText()).isEqualTo("true");
    }

    @Test
    void channelSpecificFieldsOverrideDefaultsAndAddressOverridesWin() {
        RenderRequest request = withOverrides(request(ChannelType.GCM, FCM_TOKEN, """
                {"DefaultMessage": {"Body": "default body"},
                 "DefaultPushNotificationMessage": {"Title": "default title", "Body": "push body", "SilentPush": true},
                 "GCMMessage": {"Title": "gcm title", "SilentPush": false}}
                """), "address body", null, null, null, null);

        assertThat(json(render(request).body()).path("message").path("notification"))
                .isEqualTo(json("{\"title\": \"gcm title\", \"body\": \"address body\"}"));
    }

    @Test
    void substitutionsApplyToTitleAndBody() {
        RenderRequest request = withOverrides(request(ChannelType.GCM, FCM_TOKEN,
                "{\"GCMMessage\": {\"Title\": \"Hi {{name}}\", \"Body\": \"{{count}} new\", \"Substitutions\": {\"count\": [\"3\"]}}}"),
                null, null, null, Map.of("name", List.of("Ann")), null);

        assertThat(json(render(request).body()).path("message").path("notification"))
                .isEqualTo(json("{\"title\": \"Hi Ann\", \"body\": \"3 new\"}"));
    }

    @Test
    void legacyRawContentBecomesTheEquivalentV1Message() {
        RenderedPush push = render(raw("""
                {"notification": {"title": "T", "body": "B", "image": "https://i", "android_channel_id": "news",
                                  "color": "#ff0000", "click_action": "OPEN", "body_loc_args": ["a"]},
                 "data": {"text": "x", "count": 3, "nested": {"k": true}},
                 "priority": "high", "time_to_live": 120, "collapse_key": "c", "content_available": true,
                 "to": "someone-else"}
                """, "{\"GCMMessage\": {\"TimeToLive\": 5, \"Priority\": \"normal\"}}"));

        assertThat(json(push.body())).isEqualTo(json("""
                {"message": {
                  "notification": {"title": "T", "body": "B", "image": "https://i"},
                  "android": {"notification": {"channel_id": "news", "color": "#ff0000", "click_action": "OPEN",
                                               "body_loc_args": ["a"]},
                              "priority": "HIGH", "ttl": "120s", "collapse_key": "c"},
                  "data": {"text": "x", "count": "3", "nested": "{\\"k\\":true}"},
                  "apns": {"payload": {"aps": {"content-available": 1}}},
                  "token": "fcm-registration-token-1"}}
                """));
        assertThat(push.expiresAtEpochMs()).isEqualTo(NOW.plusSeconds(120).toEpochMilli());
    }

    @Test
    void legacyRawContentsIosOnlyNotificationKeysGoToTheApnsPayload() {
        // v1 has no Android badge or subtitle: FCM refuses a message that sets them there.
        RenderedPush push = render(raw(
                "{\"notification\": {\"title\": \"T\", \"body\": \"B\", \"badge\": \"3\", \"subtitle\": \"S\", \"sound\": \"default\"}}",
                "{}"));

        var message = json(push.body()).path("message");
        assertThat(message.path("apns").path("payload").path("aps"))
                .isEqualTo(json("{\"badge\": 3, \"alert\": {\"subtitle\": \"S\"}}"));
        assertThat(message.path("android").path("notification")).isEqualTo(json("{\"sound\": \"default\"}"));
        assertThat(renderer.render(raw("{\"notification\": {\"badge\": \"many\"}}", "{}")))
                .isEqualTo(new RenderResult.Invalid("RawContent notification.badge must be a whole number"));
    }

    @Test
    void legacyRawContentWithoutDeliverySettingsTakesThoseOfTheMessage() {
        RenderedPush push = render(raw("{\"data\": {\"k\": \"v\"}}",
                "{\"GCMMessage\": {\"TimeToLive\": 309744, \"Priority\": \"normal\", \"CollapseKey\": \"ck\"}}"));

        assertThat(json(push.body()).path("message").path("android"))
                .isEqualTo(json("{\"priority\": \"NORMAL\", \"ttl\": \"309744s\", \"collapse_key\": \"ck\"}"));
    }

    @Test
    void legacyRawContentWithAMemberV1CannotExpressIsRefused() {
        assertThat(renderer.render(raw("{\"notification\": {\"title\": \"T\"}, \"condition\": \"'a' in topics\"}", "{}")))
                .isEqualTo(new RenderResult.Invalid("RawContent member condition has no FCM HTTP v1 equivalent"));
    }

    @Test
    void fcmV1RawContentIsSentAsWrittenWithTheTokenSet() {
        RenderedPush push = render(raw("""
                {"fcmV1Message": {"message": {"topic": "news", "notification": {"title": "T"},
                                              "android": {"ttl": "10023.32s"}, "data": {"k": "v"}}}}
                """, "{\"GCMMessage\": {\"TimeToLive\": 309744}}"));

        assertThat(json(push.body())).isEqualTo(json("""
                {"message": {"notification": {"title": "T"}, "android": {"ttl": "10023.32s"}, "data": {"k": "v"},
                             "token": "fcm-registration-token-1"}}
                """));
        assertThat(push.expiresAtEpochMs()).isEqualTo(NOW.toEpochMilli() + 10_023_320);
    }

    @Test
    void rawContentMustBeValidJson() {
        RenderResult result = renderer.render(raw("{\"notification\": ", "{}"));

        assertThat(result).isInstanceOf(RenderResult.Invalid.class);
        assertThat(((RenderResult.Invalid) result).statusMessage()).startsWith("RawContent is not valid JSON");
    }

    @Test
    void dataFcmWouldRefuseIsRefusedBeforeSending() {
        assertThat(renderer.render(request(ChannelType.GCM, FCM_TOKEN, "{\"GCMMessage\": {\"Data\": {\"google.x\": \"1\"}}}")))
                .isEqualTo(new RenderResult.Invalid("Data key google.x is reserved by FCM"));
        assertThat(renderer.render(raw("{\"fcmV1Message\": {\"message\": {\"data\": {\"n\": 1}}}}", "{}")))
                .isEqualTo(new RenderResult.Invalid("FCM data values must be strings; n is not"));
        assertThat(renderer.render(request(ChannelType.GCM, FCM_TOKEN, "{\"GCMMessage\": {\"Priority\": \"max\"}}")))
                .isEqualTo(new RenderResult.Invalid("Priority must be high, normal, 10 or 5, was max"));
    }

    @Test
    void messagesOverFourKilobytesAreTooLarge() {
        RenderResult result = renderer.render(request(ChannelType.GCM, FCM_TOKEN,
                "{\"GCMMessage\": {\"Body\": \"" + "x".repeat(2100) + "\"}}"));

        assertThat(result).isInstanceOf(RenderResult.TooLarge.class);
        assertThat(((RenderResult.TooLarge) result).statusMessage())
                .matches("The FCM message is \\d+ bytes; FCM accepts at most 4096 bytes");
    }

    @Test
    void theTokenIsWrittenIntoTheRequestExactlyAsWritingTheWholeTreeWould() {
        String awkwardToken = "tok\"en\\with\nescapes-\u00e9-\u0001";
        List<RenderRequest> requests = List.of(
                request(ChannelType.GCM, awkwardToken, "{\"GCMMessage\": {\"Title\": \"Hi\", \"Body\": \"Hello\", \"TimeToLive\": 30}}"),
                withOverrides(request(ChannelType.GCM, awkwardToken, "{}"), null, null,
                        "{\"fcmV1Message\": {\"message\": {}}}", null, null),
                withOverrides(request(ChannelType.GCM, awkwardToken, "{}"), null, null,
                        "{\"fcmV1Message\": {\"validate_only\": true, \"message\": {\"topic\": \"news\", \"data\": {\"a\": \"b\"}}}}", null, null));

        for (RenderRequest request : requests) {
            String body = render(request).body();

            assertThat(body).isEqualTo(Json.write(json(body)));
            assertThat(json(body).path("message").path("token").asText()).isEqualTo(awkwardToken);
            assertThat(json(body).path("message").has("topic")).isFalse();
        }
        assertThat(render(requests.get(1)).body()).isEqualTo("{\"message\":{\"token\":" + Json.write(awkwardToken) + "}}");
        assertThat(json(render(requests.get(2)).body()).path("validate_only").asBoolean()).isTrue();
    }
}
