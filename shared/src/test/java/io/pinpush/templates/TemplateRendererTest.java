package io.pinpush.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointDemographic;
import io.pinpush.endpoints.EndpointLocation;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointUser;
import io.pinpush.messaging.ADMMessage;
import io.pinpush.messaging.Action;
import io.pinpush.messaging.DefaultMessage;
import io.pinpush.messaging.DefaultPushNotificationMessage;
import io.pinpush.messaging.DirectMessageConfiguration;
import io.pinpush.messaging.GCMMessage;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class TemplateRendererTest {

    private static final Clock CLOCK = Clock.fixed(Instant.parse("2020-09-19T18:30:00Z"), ZoneOffset.UTC);

    private final TemplateRenderer renderer = new TemplateRenderer(CLOCK);

    @Nested
    class Merging {

        @Test
        void requestFieldsWinAndTemplateFillsTheRest() {
            PushTemplate template = template(android(Action.OPEN_APP, "Template body", "Template title", "ding"), null, null);
            GCMMessage request = gcm("Request body", null);

            GCMMessage merged = renderer.renderFor(template, config(request), jane(), null).gcmMessage();

            assertThat(merged.body()).isEqualTo("Request body");
            assertThat(merged.title()).isEqualTo("Template title");
            assertThat(merged.sound()).isEqualTo("ding");
            assertThat(merged.action()).isEqualTo(Action.OPEN_APP);
            assertThat(merged.timeToLive()).as("request-only members kept").isEqualTo(60);
        }

        @Test
        void requestActionOverridesTemplateAction() {
            PushTemplate template = template(android(Action.OPEN_APP, "b", null, null), null, null);
            GCMMessage request = new GCMMessage(Action.URL, null, null, null, null, null, null, null, null, null, null,
                    null, null, null, null, null, null, "https://example.com");

            GCMMessage merged = renderer.renderFor(template, config(request), jane(), null).gcmMessage();

            assertThat(merged.action()).isEqualTo(Action.URL);
            assertThat(merged.url()).isEqualTo("https://example.com");
            assertThat(merged.body()).isEqualTo("b");
        }

        @Test
        void eachTemplateSectionBecomesItsMessageType() {
            AndroidPushNotificationTemplate android = android(Action.OPEN_APP, "android {{User.UserId}}", "t", null);
            PushTemplate template = new PushTemplate("all", 1, android,
                    new APNSPushNotificationTemplate(Action.DEEP_LINK, "apns {{User.UserId}}", "https://m/{{Id}}.png", null, "chime", "t", "app://x"),
                    android, new DefaultPushNotificationTemplate(Action.URL, "default {{User.UserId}}", "beep", "dt", "https://d"),
                    android, null, null, null, "2020-01-01T00:00:00.000Z", "2020-01-01T00:00:00.000Z");

            DirectMessageConfiguration out = renderer.renderFor(template, null, jane(), null);

            assertThat(out.admMessage().body()).isEqualTo("android user-1");
            assertThat(out.baiduMessage().body()).isEqualTo("android user-1");
            assertThat(out.gcmMessage().body()).isEqualTo("android user-1");
            assertThat(out.apnsMessage().body()).isEqualTo("apns user-1");
            assertThat(out.apnsMessage().mediaUrl()).isEqualTo("https://m/ep-jane.png");
            assertThat(out.apnsMessage().sound()).isEqualTo("chime");
            assertThat(out.apnsMessage().action()).isEqualTo(Action.DEEP_LINK);
            DefaultPushNotificationMessage defaultPush = out.defaultPushNotificationMessage();
            assertThat(defaultPush.body()).isEqualTo("default user-1");
            assertThat(defaultPush.title()).isEqualTo("dt");
            assertThat(defaultPush.url()).isEqualTo("https://d");
            assertThat(defaultPush.action()).isEqualTo(Action.URL);
            assertThat(out.defaultMessage()).isNull();
        }

        @Test
        void sectionsNeitherSideHasStayAbsent() {
            PushTemplate template = template(null, new APNSPushNotificationTemplate(null, "hi", null, null, null, null, null), null);

            DirectMessageConfiguration out = renderer.renderFor(template, null, jane(), null);

            assertThat(out.apnsMessage().body()).isEqualTo("hi");
            assertThat(out.gcmMessage()).isNull();
            assertThat(out.admMessage()).isNull();
            assertThat(out.baiduMessage()).isNull();
            assertThat(out.defaultPushNotificationMessage()).isNull();
        }

        @Test
        void requestTextIsRenderedToo() {
            DirectMessageConfiguration request = new DirectMessageConfiguration(
                    new ADMMessage(null, "Hi {{User.UserAttributes.FirstName}}", null, null, null, null, null, null, null,
                            null, null, null, null, null, null, null),
                    null, null, new DefaultMessage("Default for {{Location.City}}", null), null, null, null, null, null);

            DirectMessageConfiguration out = renderer.renderFor(null, request, jane(), null);

            assertThat(out.admMessage().body()).isEqualTo("Hi Jane");
            assertThat(out.defaultMessage().body()).isEqualTo("Default for Seattle");
        }
    }

    @Nested
    class Personalization {

        @Test
        void eachEndpointGetsItsOwnValues() {
            PushTemplate template = template(android(null, "Hi {{User.UserAttributes.FirstName}} from {{Location.City}}"
                    + " on {{Demographic.Platform}} ({{EndpointId}})", null, null), null, null);

            assertThat(renderer.renderFor(template, null, jane(), null).gcmMessage().body())
                    .isEqualTo("Hi Jane from Seattle on iOS (ep-jane)");
            assertThat(renderer.renderFor(template, null, endpoint("ep-raj", "Raj", "San Francisco"), null).gcmMessage().body())
                    .isEqualTo("Hi Raj from San Francisco on iOS (ep-raj)");
        }

        @Test
        void userShorthandReadsUserAttributes() {
            PushTemplate template = template(android(null, "{{User.FirstName}}, sale ends soon ({{User.UserId}})", null, null), null, null);

            assertThat(renderer.renderFor(template, null, jane(), null).gcmMessage().body())
                    .isEqualTo("Jane, sale ends soon (user-1)");
        }

        @Test
        void missingVariablesRenderEmpty() {
            PushTemplate template = template(android(null,
                    "[{{User.UserAttributes.Nickname}}][{{Attributes.Nope.[0]}}][{{Nothing.At.All}}][{{upper Location.Planet}}]"
                            + "[{{dateFormat User.UserAttributes.Birthday.[0] outputFormat=\"full\"}}][{{add Metrics.none 1}}]"
                            + "[{{abbreviate Attributes.Missing 6}}][{{#if User.UserAttributes.Nickname}}x{{/if}}]", null, null), null, null);

            assertThat(renderer.renderFor(template, null, jane(), null).gcmMessage().body())
                    .isEqualTo("[][][][][][][][]");
        }

        @Test
        void aRawAddressWithoutEndpointStillGetsSubstitutionsAndDefaults() {
            PushTemplate template = new PushTemplate("raw", 1, null, null, null, null,
                    android(null, "Hi {{User.UserAttributes.FirstName}}, use {{Coupon}}", null, null),
                    "{\"User.UserAttributes.FirstName\": \"there\"}", null, null, "d", "d");

            assertThat(renderer.renderFor(template, null, null, Map.of("Coupon", List.of("SAVE10"))).gcmMessage().body())
                    .isEqualTo("Hi there, use SAVE10");
        }

        @Test
        void attributeListsPrintTheirValueOrAllValuesJoined() {
            PushTemplate template = template(android(null,
                    "{{Attributes.Plan}}|{{Attributes.Colors}}|{{Attributes.Colors.[1]}}|{{#each Attributes.Colors}}<{{@index}}:{{this}}>{{/each}}"
                            + "|{{join Attributes.Colors \"/\"}}|{{Metrics.visits}}|{{Metrics.score}}|{{Location.Latitude}}", null, null), null, null);

            assertThat(renderer.renderFor(template, null, jane(), null).gcmMessage().body())
                    .isEqualTo("gold|red, blue|blue|<0:red><1:blue>|red/blue|3|2.5|47.6");
        }
    }

    @Nested
    class Substitutions {

        private final PushTemplate template = new PushTemplate("subs", 1, null, null, null, null,
                android(null, "{{Greeting}} {{User.UserAttributes.FirstName}}: {{Coupon}} {{Footer}} {{Extra}}", null, null),
                "{\"Greeting\": \"Hello\", \"Coupon\": \"DEFAULT\", \"Footer\": \"bye\", \"Extra\": \"from-defaults\","
                        + " \"User\": {\"UserAttributes\": {\"FirstName\": \"friend\"}}}", null, null, "d", "d");

        @Test
        void defaultSubstitutionsFillWhatNothingElseProvides() {
            EndpointResponse anonymous = new EndpointResponse("token", "app", null, ChannelType.GCM, null, null, null,
                    null, "ACTIVE", "ep-anon", null, null, "NONE", null, null);

            assertThat(renderer.renderFor(template, null, anonymous, null).gcmMessage().body())
                    .isEqualTo("Hello friend: DEFAULT bye from-defaults");
        }

        @Test
        void precedenceIsAddressThenEndpointThenMessageThenDefaultMessageThenTemplateDefaults() {
            GCMMessage request = new GCMMessage(null, null, null, null, null, null, null, null, null, null, null, null,
                    null, null, Map.of("Coupon", List.of("MESSAGE"), "Footer", List.of("message-footer"),
                    "User.UserAttributes.FirstName", List.of("message-name")), null, null, null);
            DirectMessageConfiguration config = new DirectMessageConfiguration(null, null, null,
                    new DefaultMessage(null, Map.of("Footer", List.of("default-message-footer"), "Extra", List.of("from-default-message"))),
                    null, null, request, null, null);

            String body = renderer.renderFor(template, config, jane(), Map.of("Coupon", List.of("ADDRESS"))).gcmMessage().body();

            assertThat(body).isEqualTo("Hello Jane: ADDRESS message-footer from-default-message");
        }

        @Test
        void addressSubstitutionsOutrankEndpointAttributes() {
            String body = renderer.renderFor(template, null, jane(),
                    Map.of("User.UserAttributes.[FirstName]", List.of("Override"))).gcmMessage().body();

            assertThat(body).startsWith("Hello Override:");
        }
    }

    @Nested
    class Helpers {

        @Test
        void conditionalsCompareNumbersAsNumbers() {
            assertThat(render("{{#gt User.UserAttributes.Age.[0] \"17\"}}adult{{else}}minor{{/gt}}", jane())).isEqualTo("minor");
            assertThat(render("{{#gte User.UserAttributes.Age.[0] 9}}yes{{/gte}}|{{lt 9 10}}|{{lte \"10\" 9 yes='y' no='n'}}", jane()))
                    .isEqualTo("yes|true|n");
            assertThat(render("{{#eq Location.City \"Seattle\"}}west{{else}}elsewhere{{/eq}}|{{neq 1 \"1.0\"}}|{{eq Attributes.Plan \"gold\"}}", jane()))
                    .isEqualTo("west|false|true");
            assertThat(render("{{#gt Attributes.Missing 3}}x{{else}}none{{/gt}}", jane())).isEqualTo("none");
        }

        @Test
        void booleanHelpersAndBuiltins() {
            assertThat(render("{{#and (eq Location.City \"Seattle\") (eq Location.Country \"US\")}}both{{/and}}"
                    + "|{{#or (eq Location.City \"LA\") (eq Location.City \"Seattle\")}}either{{/or}}"
                    + "|{{#not (eq Location.City \"LA\")}}not LA{{/not}}"
                    + "|{{#unless User.UserAttributes.Nickname}}no nickname{{/unless}}"
                    + "|{{#if User.UserAttributes.FirstName.[0]}}Hello {{User.UserAttributes.FirstName.[0]}}{{else}}Hello{{/if}}", jane()))
                    .isEqualTo("both|either|not LA|no nickname|Hello Jane");
        }

        @Test
        void stringHelpers() {
            assertThat(render("{{upper User.UserAttributes.FirstName}} {{lower \"JANE\"}} {{capitalizeFirst (lower \"JANE\")}}"
                    + " {{capitalize \"my first post\"}} {{abbreviate \"Alejandro\" 6}} {{cut Location.City \"e\"}}"
                    + " {{replace \"Los Angeles\" \" \" \"_\"}} {{slugify \" Los Angeles \"}} {{substring \"Los Angeles\" 4 9}}"
                    + " {{stripTags \"<h1>Art</h1>\"}} [{{ljust \"ab\" 4}}] [{{rjust \"ab\" 4 pad=\"*\"}}] [{{center \"ab\" size=6}}]"
                    + " {{yesno \"true\"}} {{yesno \"false\" no=\"nope\"}} {{yesno Attributes.Missing}}"
                    + " {{defaultIfEmpty User.UserAttributes.Nickname \"pal\"}}", jane()))
                    .isEqualTo("JANE jane Jane My First Post Ale... Sattl Los_Angeles los-angeles Angel Art [ab  ] [**ab]"
                            + " [  ab  ] yes nope maybe pal");
        }

        @Test
        void countingHelpers() {
            assertThat(render("{{inflect 3 \"apple\" \"apples\"}}, {{inflect 1 \"apple\" \"apples\" includeCount=true}},"
                    + " {{ordinalize 22}} {{ordinalize 11}} {{ordinalize 1}} {{ordinalize 103}}", jane()))
                    .isEqualTo("apples, 1 apple, 22nd 11th 1st 103rd");
        }

        @Test
        void datesAsPinpointDocumentsThem() {
            EndpointResponse endpoint = withUserAttribute("StartDate", "09/19/2020");

            assertThat(render("{{dateFormat User.UserAttributes.StartDate.[0] inputFormat=\"MM/dd/yyyy\" outputFormat=\"full\""
                    + " tz=America/Los_Angeles}}", endpoint)).isEqualTo("Saturday, September 19, 2020");
            assertThat(render("{{dateFormat \"2020-09-19T23:30:00Z\" outputFormat=\"yyyy-MM-dd HH:mm\" tz=\"Asia/Tokyo\"}}", endpoint))
                    .isEqualTo("2020-09-20 08:30");
            assertThat(render("{{dateFormat \"2020-09-19\"}}|{{dateFormat \"not a date\"}}", endpoint)).isEqualTo("Sep 19, 2020|");
            assertThat(render("{{now \"short\"}}|{{now}}|{{now \"yyyy-MM-dd'T'HH:mm\" tz=Asia/Kolkata}}", endpoint))
                    .isEqualTo("9/19/20|Sep 19, 2020|2020-09-20T00:00");
        }

        @Test
        void mathAndEncodingHelpers() {
            assertThat(render("{{add 5 2.3}} {{subtract 5 2.3}} {{multiply 5 2.3}} {{divide 5 2.3}} {{modulo 7 2}}"
                    + " {{ceiling 5.23}} {{floor 5.23}} {{round 19.21}} {{divide 1 0}} {{add Metrics.visits 1}}", jane()))
                    .isEqualTo("7.3 2.7 11.5 2.17391304 1 6 5 19  4");
            assertThat(render("{{encode64 \"Hello World\"}} {{decode64 \"SGVsbG8gV29ybGQ=\"}} {{md5 \"Hello World\"}}", jane()))
                    .isEqualTo("SGVsbG8gV29ybGQ= Hello World b10a8db164e0754105b7a99be72e3fe5");
            assertThat(render("{{sha256 \"Hello World\"}}", jane()))
                    .isEqualTo("a591a6d40bf420404a011733cfb7b190d62c65bf0bcda32b57b277d9ad9f146e");
            assertThat(render("{{uuid}}", jane())).matches("[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}");
        }

        @Test
        void inlinePartials() {
            assertThat(render("{{#*inline \"fullName\"}}{{User.UserAttributes.FirstName.[0]}}{{#if User.UserAttributes.LastName.[0]}}"
                    + " {{User.UserAttributes.LastName.[0]}}{{/if}}{{/inline}}Hello {{> fullName}}", jane())).isEqualTo("Hello Jane Doe");
        }

        @Test
        void unknownHelpersRenderEmpty() {
            assertThat(render("a{{frobnicate Location.City 3}}b", jane())).isEqualTo("ab");
        }

        private String render(String body, EndpointResponse endpoint) {
            return renderer.renderFor(template(android(null, body, null, null), null, null), null, endpoint, null)
                    .gcmMessage().body();
        }
    }

    @Nested
    class Escaping {

        @Test
        void valuesAreNotHtmlEscapedInText() {
            PushTemplate template = template(android(null, "Hi {{User.UserAttributes.FirstName}} & co", null, null), null, null);

            assertThat(renderer.renderFor(template, null, withUserAttribute("FirstName", "O'Brien <3"), null).gcmMessage().body())
                    .isEqualTo("Hi O'Brien <3 & co");
        }

        @Test
        void rawContentValuesAreJsonEscaped() {
            AndroidPushNotificationTemplate part = new AndroidPushNotificationTemplate(null, null, null, null,
                    "{\"notification\":{\"body\":\"Hi {{User.UserAttributes.FirstName}}\"}}", null, null, null, null);

            String raw = renderer.renderFor(template(part, null, null), null,
                    withUserAttribute("FirstName", "Jane \"JJ\" \\ Doe"), null).gcmMessage().rawContent();

            assertThat(raw).isEqualTo("{\"notification\":{\"body\":\"Hi Jane \\\"JJ\\\" \\\\ Doe\"}}");
        }
    }

    @Nested
    class Validation {

        @Test
        void unparseablePartIsABadRequestNamingThePart() {
            PushTemplate template = template(null, new APNSPushNotificationTemplate(null, "ok", null, null, null,
                    "Hi {{#if User.UserId}}unclosed", null), null);

            assertThatThrownBy(() -> renderer.check(template))
                    .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.type()).isEqualTo(ApiError.Type.BAD_REQUEST))
                    .hasMessageContaining("APNS.Title is not a valid template")
                    .hasMessageContaining("line 1");
        }

        @Test
        void undefinedPartialIsABadRequest() {
            PushTemplate template = template(android(null, "Hi {{> signature}}", null, null), null, null);

            assertThatThrownBy(() -> renderer.check(template))
                    .isInstanceOf(ApiError.class).hasMessageContaining("GCM.Body cannot be rendered");
        }

        @Test
        void validTemplatePassesTheCheck() {
            renderer.check(template(android(null, "{{#each Attributes.X}}{{this}}{{/each}} {{upper User.FirstName}}", "t", null), null, null));
        }

        @Test
        void requestTextThatIsNotHandlebarsIsRefusedUpFront() {
            DirectMessageConfiguration request = config(gcm("Hi {{User.UserAttributes.FirstName", null));

            assertThatThrownBy(() -> renderer.validate(request))
                    .isInstanceOf(ApiError.class).hasMessageContaining("MessageConfiguration.GCMMessage.Body is not a valid template");
        }

        @Test
        void renderingFailureForAnEndpointIsATypedException() {
            DirectMessageConfiguration request = config(gcm("{{> nowhere}}", null));

            assertThatThrownBy(() -> renderer.renderFor(null, request, jane(), null))
                    .isInstanceOf(TemplateRenderingException.class).hasMessageContaining("GCM.Body");
        }
    }

    @Test
    void aVersionIsCompiledOnceAndRecompiledWhenOverwritten() {
        PushTemplate version = template(android(null, "Hi {{User.FirstName}}", null, null), null, null);
        PushTemplate sameVersionReadAgain = new PushTemplate(version.name(), version.version(), version.adm(), version.apns(),
                version.baidu(), version.defaultTemplate(), version.gcm(), null, null, null, version.creationDate(), version.lastModifiedDate());
        PushTemplate overwritten = new PushTemplate(version.name(), version.version(), null, null, null, null,
                android(null, "Bye {{User.FirstName}}", null, null), null, null, null, version.creationDate(), "2021-01-01T00:00:00.000Z");

        assertThat(renderer.compiled(sameVersionReadAgain)).isSameAs(renderer.compiled(version));
        assertThat(renderer.renderFor(overwritten, null, jane(), null).gcmMessage().body()).isEqualTo("Bye Jane");
    }

    // ---- fixtures ----

    private static PushTemplate template(AndroidPushNotificationTemplate gcm, APNSPushNotificationTemplate apns,
                                         DefaultPushNotificationTemplate defaultTemplate) {
        return new PushTemplate("t", 1, null, apns, null, defaultTemplate, gcm, null, null, null,
                "2020-01-01T00:00:00.000Z", "2020-01-01T00:00:00.000Z");
    }

    private static AndroidPushNotificationTemplate android(Action action, String body, String title, String sound) {
        return new AndroidPushNotificationTemplate(action, body, null, null, null, null, sound, title, null);
    }

    private static GCMMessage gcm(String body, String title) {
        return new GCMMessage(null, body, null, null, null, null, null, null, null, null, null, null, null, null, null,
                60, title, null);
    }

    private static DirectMessageConfiguration config(GCMMessage gcm) {
        return new DirectMessageConfiguration(null, null, null, null, null, null, gcm, null, null);
    }

    private static EndpointResponse jane() {
        return endpoint("ep-jane", "Jane", "Seattle");
    }

    private static EndpointResponse endpoint(String id, String firstName, String city) {
        return new EndpointResponse("token-" + id, "app", Map.of("Plan", List.of("gold"), "Colors", List.of("red", "blue")),
                ChannelType.GCM, null, "2020-01-01T00:00:00.000Z",
                new EndpointDemographic("1.0", "en_US", "apple", "iPhone", "12", "iOS", "15.0", "America/Los_Angeles"),
                null, "ACTIVE", id, new EndpointLocation(city, "US", 47.6, -122.3, "98101", "WA"),
                Map.of("visits", 3.0, "score", 2.5), "NONE", null,
                new EndpointUser(Map.of("FirstName", List.of(firstName), "LastName", List.of("Doe"), "Age", List.of("9")), "user-1"));
    }

    private static EndpointResponse withUserAttribute(String name, String value) {
        EndpointResponse base = jane();
        return new EndpointResponse(base.address(), base.applicationId(), base.attributes(), base.channelType(), null,
                base.creationDate(), base.demographic(), null, "ACTIVE", base.id(), base.location(), base.metrics(),
                "NONE", null, new EndpointUser(Map.of(name, List.of(value)), "user-1"));
    }
}
