package io.pinpush.providers.apns;

import static io.pinpush.providers.Renders.APNS_TOKEN;
import static io.pinpush.providers.Renders.CLOCK;
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

class ApnsRendererTest {

    private final ApnsRenderer renderer = new ApnsRenderer(CLOCK);

    private RenderedPush render(RenderRequest request) {
        return rendered(renderer.render(request));
    }

    @Test
    void standardMessageBecomesAlertPayloadWithPinpointDataForTheIosSdk() {
        RenderedPush push = render(request(ChannelType.APNS, APNS_TOKEN, """
                {"APNSMessage": {"Action": "URL", "Url": "https://www.example.com", "Title": "Hi", "Body": "Hello",
                 "Badge": 3, "Sound": "default", "Category": "INVITE", "ThreadId": "t-1",
                 "MediaUrl": "https://img.example.com/a.png", "Data": {"gameId": "42"},
                 "CollapseId": "game-42", "TimeToLive": 60, "Priority": "high"}}
                """));

        assertThat(json(push.body())).isEqualTo(json("""
                {"aps": {"alert": {"title": "Hi", "body": "Hello"}, "badge": 3, "sound": "default",
                         "category": "INVITE", "thread-id": "t-1", "mutable-content": 1},
                 "data": {"pinpoint": {"campaign": {"campaign_id": "_DIRECT"}, "deeplink": "https://www.example.com",
                                       "jsonBody": {"gameId": "42"}},
                          "media-url": "https://img.example.com/a.png"},
                 "gameId": "42"}
                """));
        assertThat(push.headers()).containsExactlyInAnyOrderEntriesOf(Map.of(
                "apns-push-type", "alert",
                "apns-priority", "10",
                "apns-expiration", Long.toString(NOW.getEpochSecond() + 60),
                "apns-collapse-id", "game-42"));
        assertThat(push.expiresAtEpochMs()).isEqualTo(NOW.plusSeconds(60).toEpochMilli());
        assertThat(push.address()).isEqualTo(APNS_TOKEN);
    }

    @Test
    void channelSpecificFieldsOverrideDefaultsAndMapsMergeKeyByKey() {
        RenderedPush push = render(request(ChannelType.APNS, APNS_TOKEN, """
                {"DefaultMessage": {"Body": "plain default"},
                 "DefaultPushNotificationMessage": {"Title": "push title", "Body": "push body", "Action": "DEEP_LINK",
                                                    "Url": "myapp://default", "Data": {"a": "default", "b": "default"}},
                 "APNSMessage": {"Body": "apns body", "Url": "myapp://apns", "Data": {"b": "apns"}}}
                """));

        assertThat(json(push.body())).isEqualTo(json("""
                {"aps": {"alert": {"title": "push title", "body": "apns body"}},
                 "data": {"pinpoint": {"campaign": {"campaign_id": "_DIRECT"}, "deeplink": "myapp://apns",
                                       "jsonBody": {"a": "default", "b": "apns"}}},
                 "a": "default", "b": "apns"}
                """));
    }

    @Test
    void defaultMessageBodyIsUsedWhenNothingMoreSpecificIsGiven() {
        RenderedPush push = render(request(ChannelType.APNS, APNS_TOKEN, """
                {"DefaultMessage": {"Body": "plain default"}}
                """));

        assertThat(json(push.body()).path("aps").path("alert")).isEqualTo(json("{\"body\": \"plain default\"}"));
    }

    @Test
    void addressOverridesWinOverEveryMessageField() {
        RenderRequest request = withOverrides(request(ChannelType.APNS, APNS_TOKEN, """
                {"DefaultPushNotificationMessage": {"Title": "default"}, "APNSMessage": {"Title": "apns", "Body": "apns"}}
                """), "address body", "address title", null, null, Map.of("source", "test"));

        assertThat(json(render(request).body())).isEqualTo(json("""
                {"aps": {"alert": {"title": "address title", "body": "address body"}},
                 "data": {"pinpoint": {"campaign": {"campaign_id": "_DIRECT"}, "source": "test"}}}
                """));
    }

    @Test
    void contextKeysAreAddedToThePinpointDictionaryAsNamedAndNeverOverTheAttribution() {
        RenderRequest request = withOverrides(request(ChannelType.APNS, APNS_TOKEN, "{\"APNSMessage\": {\"Body\": \"b\"}}"),
                null, null, null, null, Map.of("user.tier", "gold", "campaign", "mine"));

        assertThat(json(render(request).body()).path("data").path("pinpoint")).isEqualTo(json(
                "{\"campaign\": {\"campaign_id\": \"_DIRECT\"}, \"user.tier\": \"gold\"}"));
    }

    @Test
    void substitutionsFromAddressBeatThoseOfTheMessage() {
        RenderRequest request = withOverrides(request(ChannelType.APNS, APNS_TOKEN, """
                {"APNSMessage": {"Title": "Hi {{name}}", "Body": "{{greeting}}, {{name}}! {{unknown}}",
                                 "Substitutions": {"name": ["Ann"], "greeting": ["Hello"]}}}
                """), null, null, null, Map.of("name", List.of("Bob")), null);

        assertThat(json(render(request).body()).path("aps").path("alert")).isEqualTo(json("""
                {"title": "Hi Bob", "body": "Hello, Bob! {{unknown}}"}
                """));
    }

    @Test
    void silentPushIsBackgroundWithPriorityFiveAndNothingToShow() {
        RenderedPush push = render(request(ChannelType.APNS, APNS_TOKEN, """
                {"APNSMessage": {"SilentPush": true, "Title": "hidden", "Body": "hidden", "Badge": 1, "Sound": "x",
                                 "Priority": "high", "Data": {"sync": "now"}}}
                """));

        assertThat(json(push.body())).isEqualTo(json("""
                {"aps": {"content-available": 1},
                 "data": {"pinpoint": {"campaign": {"campaign_id": "_DIRECT"}, "jsonBody": {"sync": "now"}}},
                 "sync": "now"}
                """));
        assertThat(push.headers()).containsEntry("apns-push-type", "background").containsEntry("apns-priority", "5");
    }

    @Test
    void priorityAcceptsPinpointAndApnsSpellings() {
        for (var spelling : Map.of("normal", "5", "5", "5", "high", "10", "10", "10").entrySet()) {
            RenderedPush push = render(request(ChannelType.APNS, APNS_TOKEN,
                    "{\"APNSMessage\": {\"Body\": \"b\", \"Priority\": \"" + spelling.getKey() + "\"}}"));
            assertThat(push.headers()).containsEntry("apns-priority", spelling.getValue());
        }
        assertThat(renderer.render(request(ChannelType.APNS, APNS_TOKEN, "{\"APNSMessage\": {\"Priority\": \"urgent\"}}")))
                .isEqualTo(new RenderResult.Invalid("Priority must be high, normal, 10 or 5, was urgent"));
    }

    @Test
    void timeToLiveZeroMeansDeliverOnceAndNeverExpiresInOurQueue() {
        RenderedPush push = render(request(ChannelType.APNS, APNS_TOKEN, "{\"APNSMessage\": {\"Body\": \"b\", \"TimeToLive\": 0}}"));

        assertThat(push.headers()).containsEntry("apns-expiration", "0");
        assertThat(push.expiresAtEpochMs()).isNull();
    }

    @Test
    void noTimeToLiveSendsNoExpiration() {
        RenderedPush push = render(request(ChannelType.APNS, APNS_TOKEN, "{\"APNSMessage\": {\"Body\": \"b\"}}"));

        assertThat(push.headers()).doesNotContainKey("apns-expiration");
        assertThat(push.expiresAtEpochMs()).isNull();
    }

    @Test
    void voipChannelsSendVoipPushType() {
        RenderedPush push = render(request(ChannelType.APNS_VOIP_SANDBOX, APNS_TOKEN, "{\"APNSMessage\": {\"Body\": \"call\"}}"));

        assertThat(push.headers()).containsEntry("apns-push-type", "voip").containsEntry("apns-priority", "10");
    }

    @Test
    void explicitPushTypeWinsAndUnknownOrUnsendableTypesAreRefused() {
        RenderedPush push = render(request(ChannelType.APNS, APNS_TOKEN,
                "{\"APNSMessage\": {\"APNSPushType\": \"complication\", \"Body\": \"b\"}}"));
        assertThat(push.headers()).containsEntry("apns-push-type", "complication");

        RenderResult unknown = renderer.render(request(ChannelType.APNS, APNS_TOKEN, "{\"APNSMessage\": {\"APNSPushType\": \"loud\"}}"));
        assertThat(unknown).isInstanceOf(RenderResult.Invalid.class);
        assertThat(((RenderResult.Invalid) unknown).statusMessage()).startsWith("APNSPushType must be one of alert, background, voip");

        assertThat(renderer.render(request(ChannelType.APNS, APNS_TOKEN, "{\"APNSMessage\": {\"APNSPushType\": \"widgets\"}}")))
                .isEqualTo(new RenderResult.Invalid("APNSPushType widgets is not supported by this version of Pinpush"));
    }

    @Test
    void rawContentIsSentVerbatimAndOverridesEveryOtherField() {
        String raw = "{\"aps\": {\"alert\": {\"title\": \"Raw\"}, \"category\": \"GAME\"}, \"gameID\": \"1\"}";
        RenderedPush push = render(request(ChannelType.APNS, APNS_TOKEN, Json.write(
                Map.of("APNSMessage", Map.of("Title", "ignored", "Body", "ignored", "RawContent", raw)))));

        assertThat(push.body()).isEqualTo(raw);
        assertThat(push.headers()).containsEntry("apns-push-type", "alert");
    }

    @Test
    void rawContentThatOnlyWakesTheAppIsSentAsBackground() {
        RenderRequest request = withOverrides(request(ChannelType.APNS, APNS_TOKEN, "{}"), null, null,
                "{\"aps\": {\"content-available\": 1}, \"sync\": true}", null, null);

        assertThat(render(request).headers()).containsEntry("apns-push-type", "background").containsEntry("apns-priority", "5");
    }

    @Test
    void rawContentMustBeAJsonObject() {
        RenderRequest notJson = withOverrides(request(ChannelType.APNS, APNS_TOKEN, "{}"), null, null, "{\"aps\": ", null, null);
        RenderRequest notAnObject = withOverrides(request(ChannelType.APNS, APNS_TOKEN, "{}"), null, null, "[1]", null, null);

        assertThat(renderer.render(notJson)).isInstanceOf(RenderResult.Invalid.class);
        assertThat(((RenderResult.Invalid) renderer.render(notJson)).statusMessage()).startsWith("RawContent is not valid JSON");
        assertThat(renderer.render(notAnObject)).isEqualTo(new RenderResult.Invalid("RawContent must be a JSON object"));
    }

    @Test
    void rawContentSubstitutionsAreEscapedForJson() {
        RenderRequest request = withOverrides(request(ChannelType.APNS, APNS_TOKEN, "{}"), null, null,
                "{\"aps\": {\"alert\": \"Hi {{name}}\"}}", Map.of("name", List.of("\"Bobby\" \\o/")), null);

        assertThat(json(render(request).body())).isEqualTo(json("{\"aps\": {\"alert\": \"Hi \\\"Bobby\\\" \\\\o/\"}}"));
    }

    @Test
    void payloadsOverFourKilobytesAreTooLargeButVoipAllowsFive() {
        String body = "x".repeat(4200);
        String configuration = "{\"APNSMessage\": {\"Body\": \"" + body + "\"}}";

        RenderResult standard = renderer.render(request(ChannelType.APNS, APNS_TOKEN, configuration));
        assertThat(standard).isInstanceOf(RenderResult.TooLarge.class);
        assertThat(((RenderResult.TooLarge) standard).statusMessage())
                .matches("The APNs payload is \\d+ bytes; APNs accepts at most 4096 bytes for a notification");

        assertThat(renderer.render(request(ChannelType.APNS_VOIP, APNS_TOKEN, configuration))).isInstanceOf(RenderResult.Rendered.class);
        RenderResult voip = renderer.render(request(ChannelType.APNS_VOIP, APNS_TOKEN,
                "{\"APNSMessage\": {\"Body\": \"" + "x".repeat(5200) + "\"}}"));
        assertThat(((RenderResult.TooLarge) voip).statusMessage()).endsWith("at most 5120 bytes for a VoIP notification");
    }

    @Test
    void collapseIdOverSixtyFourBytesIsRefused() {
        assertThat(renderer.render(request(ChannelType.APNS, APNS_TOKEN,
                "{\"APNSMessage\": {\"Body\": \"b\", \"CollapseId\": \"" + "c".repeat(65) + "\"}}")))
                .isEqualTo(new RenderResult.Invalid("CollapseId can't exceed 64 bytes"));
    }

    @Test
    void preferredAuthenticationMethodTravelsWithTheNotification() {
        RenderedPush push = render(request(ChannelType.APNS, APNS_TOKEN,
                "{\"APNSMessage\": {\"Body\": \"b\", \"PreferredAuthenticationMethod\": \"CERTIFICATE\"}}"));

        assertThat(push.authenticationMethod()).isEqualTo("CERTIFICATE");
    }
}
