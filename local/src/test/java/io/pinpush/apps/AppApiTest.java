package io.pinpush.apps;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import io.pinpush.testing.RawHttp;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ApplicationResponse;
import software.amazon.awssdk.services.pinpoint.model.ApplicationSettingsResource;
import software.amazon.awssdk.services.pinpoint.model.WriteApplicationSettingsRequest;
import software.amazon.awssdk.services.pinpoint.model.ApplicationsResponse;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.Mode;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

@ExtendWith(PinpushExtension.class)
class AppApiTest {

    @Test
    void createAppAnswers201WithPinpointArnAndTags(PinpointClient pinpoint) {
        var response = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("shop").tags(Map.of("team", "mobile"))));

        assertThat(response.sdkHttpResponse().statusCode()).isEqualTo(201);
        ApplicationResponse app = response.applicationResponse();
        assertThat(app.id()).matches("[0-9a-f]{32}");
        assertThat(app.arn()).isEqualTo("arn:aws:mobiletargeting:us-east-1:000000000000:apps/" + app.id());
        assertThat(app.name()).isEqualTo("shop");
        assertThat(app.tags()).containsExactlyEntriesOf(Map.of("team", "mobile"));
        assertThat(app.creationDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d(\\.\\d{3})?Z");
        assertThat(pinpoint.getApp(b -> b.applicationId(app.id())).applicationResponse()).isEqualTo(app);
    }

    @Test
    void unknownAppIsNotFoundWithMessageAndRequestId(PinpointClient pinpoint) {
        assertThatThrownBy(() -> pinpoint.getApp(b -> b.applicationId("0123456789abcdef0123456789abcdef")))
                .isInstanceOfSatisfying(NotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage()).contains("0123456789abcdef0123456789abcdef");
                    assertThat(e.requestId()).isNotBlank();
                });
    }

    @Test
    void getAppsPagesThroughEveryAppWithTokens(PinpointClient pinpoint) {
        Set<String> created = new HashSet<>();
        for (int i = 0; i < 5; i++) {
            int n = i;
            created.add(pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("paged-" + n)))
                    .applicationResponse().id());
        }
        Set<String> seen = new HashSet<>();
        String token = null;
        int pages = 0;
        do {
            String current = token;
            ApplicationsResponse page = pinpoint.getApps(b -> b.pageSize("2").token(current)).applicationsResponse();
            assertThat(page.item()).hasSizeLessThanOrEqualTo(2);
            page.item().forEach(app -> assertThat(seen.add(app.id())).as("no app twice").isTrue());
            token = page.nextToken();
            pages++;
        } while (token != null && pages < 1000);
        assertThat(seen).containsAll(created);
    }

    @Test
    void badPagingParametersAreBadRequests(PinpointClient pinpoint) {
        assertThatThrownBy(() -> pinpoint.getApps(b -> b.pageSize("zero")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("page-size");
        assertThatThrownBy(() -> pinpoint.getApps(b -> b.pageSize("0")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("page-size");
        assertThatThrownBy(() -> pinpoint.getApps(b -> b.token("not-a-token")))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("token");
        // A well-formed token of another listing: DynamoDB would refuse it as a start key (a 500 before).
        String app = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("paging"))).applicationResponse().id();
        pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("one")));
        pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("two")));
        String segmentsToken = pinpoint.getSegments(b -> b.applicationId(app).pageSize("1")).segmentsResponse().nextToken();
        assertThat(segmentsToken).isNotNull();
        assertThatThrownBy(() -> pinpoint.getApps(b -> b.token(segmentsToken)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("pagination token");
    }

    @Test
    void idsLongerThanAnyStoredIdAreBadRequestsNotServerErrors(PinpointClient pinpoint) {
        String tooLong = "a".repeat(3000);
        String app = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("long-ids"))).applicationResponse().id();

        assertThatThrownBy(() -> pinpoint.getApp(b -> b.applicationId(tooLong)))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("application-id");
        assertThatThrownBy(() -> pinpoint.updateEndpoint(b -> b.applicationId(tooLong).endpointId("e")
                .endpointRequest(r -> r.address("token").channelType("GCM"))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("at most 1024 bytes");
        assertThatThrownBy(() -> pinpoint.getSegment(b -> b.applicationId(app).segmentId("s".repeat(1500))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("segment-id");
    }

    @Test
    void deleteAppReturnsItAndRemovesIt(PinpointClient pinpoint) {
        String id = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("short-lived"))).applicationResponse().id();

        ApplicationResponse deleted = pinpoint.deleteApp(b -> b.applicationId(id)).applicationResponse();

        assertThat(deleted.id()).isEqualTo(id);
        assertThat(deleted.name()).isEqualTo("short-lived");
        assertThatThrownBy(() -> pinpoint.getApp(b -> b.applicationId(id))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.deleteApp(b -> b.applicationId(id))).isInstanceOf(NotFoundException.class);
    }

    @Test
    void settingsUpdateMergesAndRejectsBadValuesWithoutWriting(PinpointClient pinpoint) {
        ApplicationResponse app = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("settings")))
                .applicationResponse();
        String id = app.id();
        assertThat(pinpoint.getApplicationSettings(b -> b.applicationId(id)).applicationSettingsResource()
                .lastModifiedDate()).as("never updated: the app's defaults since its creation").isEqualTo(app.creationDate());

        pinpoint.updateApplicationSettings(b -> b.applicationId(id).writeApplicationSettingsRequest(w -> w
                .quietTime(q -> q.start("22:00").end("08:00"))
                .limits(l -> l.daily(3).messagesPerSecond(100))
                .campaignHook(h -> h.lambdaFunctionName("filter-fn").mode(Mode.FILTER))
                .cloudWatchMetricsEnabled(true)));
        ApplicationSettingsResource afterSecond = pinpoint.updateApplicationSettings(b -> b.applicationId(id)
                .writeApplicationSettingsRequest(w -> w.limits(l -> l.total(10)))).applicationSettingsResource();

        assertThat(afterSecond.quietTime().start()).isEqualTo("22:00");
        assertThat(afterSecond.limits().total()).isEqualTo(10);
        assertThat(afterSecond.limits().daily()).as("Limits replaced as a whole").isNull();
        assertThat(afterSecond.campaignHook().mode()).isEqualTo(Mode.FILTER);
        assertThat(afterSecond.lastModifiedDate()).isNotBlank();

        assertThatThrownBy(() -> pinpoint.updateApplicationSettings(b -> b.applicationId(id)
                .writeApplicationSettingsRequest(w -> w.quietTime(q -> q.start("25:00").end("08:00")))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("QuietTime.Start");
        assertThat(pinpoint.getApplicationSettings(b -> b.applicationId(id)).applicationSettingsResource())
                .isEqualTo(afterSecond);
    }

    @Test
    void settingsTheCampaignsWouldRefuseAreRefusedForTheAppToo(PinpointClient pinpoint) {
        String id = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("settings"))).applicationResponse().id();
        ApplicationSettingsResource before = pinpoint.getApplicationSettings(b -> b.applicationId(id))
                .applicationSettingsResource();
        Map<String, java.util.function.Consumer<WriteApplicationSettingsRequest.Builder>> invalid = Map.of(
                "CampaignHook.WebUrl must be an https:// URL", w -> w.campaignHook(h -> h.webUrl("http://169.254.169.254/x")
                        .mode(Mode.FILTER)),
                "CampaignHook.Mode is required", w -> w.campaignHook(h -> h.lambdaFunctionName("filter-fn")),
                "QuietTime needs both Start and End", w -> w.quietTime(q -> q.start("22:00")),
                "JourneyLimits.DailyCap must be between 0 and 100", w -> w.journeyLimits(j -> j.dailyCap(-5)),
                "JourneyLimits.TimeframeCap.Days must be between 0 and 30",
                w -> w.journeyLimits(j -> j.timeframeCap(t -> t.cap(5).days(400))));

        invalid.forEach((message, request) -> assertThatThrownBy(() -> pinpoint.updateApplicationSettings(b -> b
                .applicationId(id).writeApplicationSettingsRequest(request))).as(message)
                .isInstanceOf(BadRequestException.class).hasMessageContaining(message));

        assertThat(pinpoint.getApplicationSettings(b -> b.applicationId(id)).applicationSettingsResource())
                .isEqualTo(before);
        // An empty hook is how an app's default hook is removed.
        pinpoint.updateApplicationSettings(b -> b.applicationId(id).writeApplicationSettingsRequest(w -> w
                .campaignHook(h -> h.lambdaFunctionName("filter-fn").mode(Mode.FILTER))));
        assertThat(pinpoint.updateApplicationSettings(b -> b.applicationId(id).writeApplicationSettingsRequest(w -> w
                .campaignHook(h -> { }))).applicationSettingsResource().campaignHook().lambdaFunctionName()).isNull();
    }

    @Test
    void createAppWithoutNameIsBadRequestAndCreatesNothing(PinpointClient pinpoint, LocalServer server) {
        int before = server.pinpush().apps().list(io.pinpush.api.PageRequest.first(1000)).items().size();

        assertThatThrownBy(() -> pinpoint.createApp(b -> b.createApplicationRequest(r -> r.tags(Map.of("a", "b")))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("Name is required");

        assertThat(server.pinpush().apps().list(io.pinpush.api.PageRequest.first(1000)).items()).hasSize(before);
    }

    @Test
    void malformedJsonIsABadRequestInPinpointShape(LocalServer server) {
        HttpResponse<String> response = RawHttp.send(server.endpoint(), "POST", "/v1/apps", "{\"Name\": ");

        assertThat(response.statusCode()).isEqualTo(400);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("BadRequestException");
        assertThat(response.headers().firstValue("X-Amzn-RequestId")).isPresent();
        assertThat(response.body()).contains("\"Message\":\"The request body is not valid JSON")
                .contains("\"RequestID\":\"" + response.headers().firstValue("X-Amzn-RequestId").get() + "\"");
    }

    @Test
    void wrongMemberTypesAreBadRequests(LocalServer server) {
        HttpResponse<String> number = RawHttp.send(server.endpoint(), "POST", "/v1/apps", "{\"Name\": 5}");
        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(number.body()).contains("Wrong type for member Name: expected a string");

        HttpResponse<String> array = RawHttp.send(server.endpoint(), "POST", "/v1/apps", "[1,2]");
        assertThat(array.statusCode()).isEqualTo(400);

        HttpResponse<String> enumValue = RawHttp.send(server.endpoint(), "PUT", "/v1/apps/x/settings",
                "{\"CampaignHook\": {\"Mode\": \"SOMETIMES\"}}");
        assertThat(enumValue.statusCode()).isEqualTo(400);
        assertThat(enumValue.body()).contains("SOMETIMES").contains("DELIVERY, FILTER");
    }

    @Test
    void unknownRoutesAndMethodsAreClientErrors(LocalServer server) {
        HttpResponse<String> unknown = RawHttp.send(server.endpoint(), "GET", "/v1/nothing-here", null);
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("X-Amzn-ErrorType")).hasValue("NotFoundException");

        HttpResponse<String> wrongMethod = RawHttp.send(server.endpoint(), "PATCH", "/v1/apps", "{}");
        assertThat(wrongMethod.statusCode()).isEqualTo(405);
        assertThat(wrongMethod.headers().firstValue("X-Amzn-ErrorType")).hasValue("MethodNotAllowedException");
    }

    @Test
    void bodiesOverSevenMegabytesArePayloadTooLarge(LocalServer server) {
        String huge = "{\"Name\":\"" + "x".repeat(7 * 1024 * 1024) + "\"}";

        HttpResponse<String> response = RawHttp.send(server.endpoint(), "POST", "/v1/apps", huge);

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("PayloadTooLargeException");
    }
}
