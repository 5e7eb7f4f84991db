package io.pinpush.audit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.local.LocalServer;
import io.pinpush.store.Tables;
import io.pinpush.testing.EventsExtension;
import io.pinpush.testing.EventsExtension.EventsStack;
import io.pinpush.testing.RawHttp;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

/**
 * The audit trail through the real local server: mutating calls made with the AWS SDK leave records in the audit
 * table and {@code _audit.*} events on the deployment stream, reads leave none, credentials appear in neither, and
 * the query routes page through a scope's records.
 */
@ExtendWith(EventsExtension.class)
class AuditTrailApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN_PREFIX = "arn:aws:mobiletargeting:us-east-1:000000000000:";

    @Test
    void mutatingCallsAreRecordedWithOperationResourceAndOutcomeAndReadsAreNot(EventsStack stack) {
        PinpointClient pinpoint = stack.pinpoint();
        String appId = newApp(pinpoint);
        pinpoint.updateApplicationSettings(b -> b.applicationId(appId)
                .writeApplicationSettingsRequest(w -> w.cloudWatchMetricsEnabled(true)));
        String segmentId = pinpoint.createSegment(b -> b.applicationId(appId).writeSegmentRequest(w -> w.name("vip")))
                .segmentResponse().id();
        pinpoint.getApp(b -> b.applicationId(appId));
        pinpoint.getSegments(b -> b.applicationId(appId));
        assertThatThrownBy(() -> pinpoint.updateApplicationSettings(b -> b.applicationId(appId)
                .writeApplicationSettingsRequest(w -> w.quietTime(q -> q.start("25:00").end("08:00")))))
                .isInstanceOf(BadRequestException.class);
        assertThatThrownBy(() -> pinpoint.deleteSegment(b -> b.applicationId(appId).segmentId("no-such-segment")))
                .isInstanceOf(NotFoundException.class);

        List<JsonNode> records = auditRecords(stack.server(), appId, 5);
        assertThat(records).extracting(r -> r.path("Operation").asText()).containsExactly(
                "DeleteSegment", "UpdateApplicationSettings", "CreateSegment", "UpdateApplicationSettings", "CreateApp");
        JsonNode created = records.get(4);
        assertThat(created.path("ResourceArn").asText()).isEqualTo(ARN_PREFIX + "apps/" + appId);
        assertThat(created.path("ApplicationId").asText()).isEqualTo(appId);
        assertThat(created.path("StatusCode").asInt()).isEqualTo(201);
        assertThat(created.path("Outcome").asText()).isEqualTo("SUCCESS");
        assertThat(created.has("ErrorType")).isFalse();
        assertThat(created.path("Caller").asText()).as("ApiRequest.caller(): anonymous locally").isEqualTo("anonymous");
        assertThat(created.path("SourceIp").asText()).isEqualTo("127.0.0.1");
        assertThat(created.path("UserAgent").asText()).contains("aws-sdk-java");
        assertThat(created.path("RequestId").asText()).isNotBlank();
        assertThat(created.path("EventTime").asText()).matches("\\d{4}-\\d{2}-\\d{2}T.*Z");
        assertThat(records.get(2).path("ResourceArn").asText())
                .isEqualTo(ARN_PREFIX + "apps/" + appId + "/segments/" + segmentId);
        JsonNode rejected = records.get(1);
        assertThat(rejected.path("StatusCode").asInt()).isEqualTo(400);
        assertThat(rejected.path("Outcome").asText()).isEqualTo("ERROR");
        assertThat(rejected.path("ErrorType").asText()).isEqualTo("BadRequestException");
        assertThat(rejected.path("ResourceArn").asText()).isEqualTo(ARN_PREFIX + "apps/" + appId + "/settings");
        assertThat(records.get(0).path("StatusCode").asInt()).isEqualTo(404);
        assertThat(records.get(0).path("ErrorType").asText()).isEqualTo("NotFoundException");

        // The same calls on the deployment stream, as _audit.<Operation>; none for the GETs.
        List<JsonNode> events = awaitAuditEvents(stack, appId, 5);
        assertThat(events).extracting(e -> e.path("event_type").asText()).containsExactlyInAnyOrder(
                "_audit.CreateApp", "_audit.UpdateApplicationSettings", "_audit.CreateSegment",
                "_audit.UpdateApplicationSettings", "_audit.DeleteSegment");
        JsonNode segmentEvent = events.stream().filter(e -> e.path("event_type").asText().equals("_audit.CreateSegment"))
                .findFirst().orElseThrow();
        assertThat(segmentEvent.path("attributes").path("resource_arn").asText()).endsWith("/segments/" + segmentId);
        assertThat(segmentEvent.path("attributes").path("status_code").asText()).isEqualTo("201");
        assertThat(segmentEvent.path("attributes").path("outcome").asText()).isEqualTo("SUCCESS");
        assertThat(segmentEvent.path("attributes").path("caller").asText()).isEqualTo("anonymous");
        assertThat(segmentEvent.path("awsAccountId").asText()).isEqualTo("000000000000");
        assertThat(segmentEvent.path("application").has("app_id"))
                .as("not one of the app's own events").isFalse();
    }

    @Test
    void channelCredentialsAppearNowhereInTheAuditTableOrStream(EventsStack stack) {
        PinpointClient pinpoint = stack.pinpoint();
        String appId = newApp(pinpoint);
        String apiKey = "baidu-api-" + UUID.randomUUID();
        String secretKey = "baidu-secret-" + UUID.randomUUID();
        String admSecret = "adm-secret-" + UUID.randomUUID();
        String gcmKey = "gcm-server-key-" + UUID.randomUUID();
        pinpoint.updateBaiduChannel(b -> b.applicationId(appId)
                .baiduChannelRequest(r -> r.enabled(true).apiKey(apiKey).secretKey(secretKey)));
        pinpoint.updateAdmChannel(b -> b.applicationId(appId)
                .admChannelRequest(r -> r.enabled(true).clientId("amzn1.application-oa2-client.x").clientSecret(admSecret)));
        pinpoint.updateGcmChannel(b -> b.applicationId(appId).gcmChannelRequest(r -> r.enabled(true).apiKey(gcmKey)));
        // A rejected update carries its credentials too.
        assertThatThrownBy(() -> pinpoint.updateBaiduChannel(b -> b.applicationId(appId)
                .baiduChannelRequest(r -> r.enabled(true).apiKey(apiKey + "-rejected"))))
                .isInstanceOf(BadRequestException.class);

        List<JsonNode> records = auditRecords(stack.server(), appId, 5);
        assertThat(records).extracting(r -> r.path("Operation").asText())
                .contains("UpdateBaiduChannel", "UpdateAdmChannel", "UpdateGcmChannel");
        assertThat(records).filteredOn(r -> r.path("Operation").asText().equals("UpdateGcmChannel")).singleElement()
                .satisfies(r -> assertThat(r.path("ResourceArn").asText()).isEqualTo(ARN_PREFIX + "apps/" + appId + "/channels/gcm"));
        awaitAuditEvents(stack, appId, 5);

        String table = String.valueOf(scanAuditTable(stack.server()));
        String stream = String.join("\n", stack.kinesis().records(EventsExtension.STREAM).stream()
                .map(r -> r.data().asUtf8String()).toList());
        for (String secret : List.of(apiKey, secretKey, admSecret, gcmKey)) {
            assertThat(table).as("audit table").doesNotContain(secret);
            assertThat(stream).as("event stream").doesNotContain(secret);
        }
    }

    @Test
    void lastModifiedByIsTheCallerTheAuditTrailRecords(EventsStack stack) {
        PinpointClient pinpoint = stack.pinpoint();
        String appId = newApp(pinpoint);
        String lastModifiedBy = pinpoint.updateGcmChannel(b -> b.applicationId(appId)
                .gcmChannelRequest(r -> r.enabled(true).apiKey("key-" + UUID.randomUUID())))
                .gcmChannelResponse().lastModifiedBy();

        JsonNode record = auditRecords(stack.server(), appId, 2).get(0);
        assertThat(record.path("Operation").asText()).isEqualTo("UpdateGcmChannel");
        assertThat(lastModifiedBy).isNotBlank().isEqualTo(record.path("Caller").asText());
        assertThat(pinpoint.getChannels(b -> b.applicationId(appId)).channelsResponse().channels().get("GCM")
                .lastModifiedBy()).isEqualTo(lastModifiedBy);
    }

    @Test
    void theAppRoutePagesThroughTheAppsRecordsNewestFirst(EventsStack stack) {
        PinpointClient pinpoint = stack.pinpoint();
        String appId = newApp(pinpoint);
        for (int i = 0; i < 4; i++) {
            String name = "segment-" + i;
            pinpoint.createSegment(b -> b.applicationId(appId).writeSegmentRequest(w -> w.name(name)));
        }

        List<JsonNode> seen = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String query = "?days=2&page-size=2" + (token == null ? "" : "&token=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
            JsonNode page = get(stack.server(), "/v1/apps/" + appId + "/audit" + query);
            page.path("Item").forEach(seen::add);
            token = page.path("NextToken").isTextual() ? page.path("NextToken").asText() : null;
            pages++;
        } while (token != null && pages < 10);

        assertThat(seen).extracting(r -> r.path("Operation").asText())
                .containsExactly("CreateSegment", "CreateSegment", "CreateSegment", "CreateSegment", "CreateApp");
        assertThat(seen).extracting(r -> r.path("RequestId").asText()).doesNotHaveDuplicates();
        assertThat(seen).extracting(r -> r.path("EventTime").asText()).isSortedAccordingTo(java.util.Comparator.reverseOrder());
        assertThat(pages).isGreaterThanOrEqualTo(3);
        assertThat(seen).allSatisfy(r -> assertThat(r.path("ApplicationId").asText()).isEqualTo(appId));
    }

    @Test
    void accountLevelCallsAreOnTheAccountRouteAndBadQueriesAreBadRequests(EventsStack stack) {
        String name = "audit-" + UUID.randomUUID().toString().substring(0, 8);
        stack.pinpoint().createPushTemplate(b -> b.templateName(name)
                .pushNotificationTemplateRequest(r -> r.defaultValue(d -> d.title("t").body("b"))));
        stack.pinpoint().deletePushTemplate(b -> b.templateName(name));
        // A create that failed named no app: it is the account's.
        String failedCreate = org.assertj.core.api.Assertions.catchThrowableOfType(
                () -> stack.pinpoint().createApp(b -> b.createApplicationRequest(r -> r.tags(Map.of("a", "b")))),
                BadRequestException.class).requestId();

        List<JsonNode> account = new ArrayList<>();
        get(stack.server(), "/v1/audit?days=2&page-size=1000").path("Item").forEach(account::add);
        assertThat(account).filteredOn(r -> r.path("ResourceArn").asText().equals(ARN_PREFIX + "templates/" + name + "/PUSH"))
                .extracting(r -> r.path("Operation").asText()).containsExactly("DeletePushTemplate", "CreatePushTemplate");
        assertThat(account).allSatisfy(r -> assertThat(r.has("ApplicationId")).isFalse());
        assertThat(account).filteredOn(r -> r.path("RequestId").asText().equals(failedCreate)).singleElement()
                .satisfies(r -> {
                    assertThat(r.path("Operation").asText()).isEqualTo("CreateApp");
                    assertThat(r.path("ResourceArn").asText()).isEqualTo(ARN_PREFIX + "apps");
                    assertThat(r.path("StatusCode").asInt()).isEqualTo(400);
                });

        for (String query : List.of("?days=0", "?days=91", "?days=x", "?token=not-a-token", "?page-size=0")) {
            HttpResponse<String> response = RawHttp.send(stack.server().endpoint(), "GET", "/v1/audit" + query, null);
            assertThat(response.statusCode()).as(query).isEqualTo(400);
            assertThat(response.headers().firstValue("X-Amzn-ErrorType")).hasValue("BadRequestException");
        }
        // A token of one app's trail does not open another's.
        String appId = newApp(stack.pinpoint());
        stack.pinpoint().updateApplicationSettings(b -> b.applicationId(appId)
                .writeApplicationSettingsRequest(w -> w.cloudWatchMetricsEnabled(true)));
        String token = get(stack.server(), "/v1/apps/" + appId + "/audit?page-size=1").path("NextToken").asText();
        assertThat(RawHttp.send(stack.server().endpoint(), "GET", "/v1/apps/other-app/audit?token="
                + URLEncoder.encode(token, StandardCharsets.UTF_8), null).statusCode()).isEqualTo(400);
    }

    // --- helpers --------------------------------------------------------------------------------------------

    static String newApp(PinpointClient pinpoint) {
        return pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("audit"))).applicationResponse().id();
    }

    /** The app's records through GetApplicationAuditEvents, newest first, once there are {@code count}. */
    private static List<JsonNode> auditRecords(LocalServer server, String appId, int count) {
        List<JsonNode> records = new ArrayList<>();
        // Two days: a run that crosses midnight UTC still finds its records.
        get(server, "/v1/apps/" + appId + "/audit?days=2").path("Item").forEach(records::add);
        assertThat(records).hasSize(count);
        return records;
    }

    private static List<JsonNode> awaitAuditEvents(EventsStack stack, String appId, int count) {
        AtomicReference<List<JsonNode>> seen = new AtomicReference<>(List.of());
        Awaitility.await().atMost(Duration.ofSeconds(30)).pollInterval(Duration.ofMillis(100)).until(() -> {
            seen.set(stack.kinesis().records(EventsExtension.STREAM).stream().map(r -> parse(r.data().asUtf8String()))
                    .filter(e -> e.path("event_type").asText().startsWith("_audit."))
                    .filter(e -> appId.equals(e.path("attributes").path("application_id").asText()))
                    .toList());
            return seen.get().size() >= count;
        });
        assertThat(seen.get()).hasSize(count);
        return seen.get();
    }

    private static JsonNode get(LocalServer server, String path) {
        HttpResponse<String> response = RawHttp.send(server.endpoint(), "GET", path, null);
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        return parse(response.body());
    }

    private static List<Map<String, AttributeValue>> scanAuditTable(LocalServer server) {
        String table = server.pinpush().config().tableName(Tables.AUDIT.logicalName());
        return server.pinpush().aws().dynamoDb().scanPaginator(b -> b.tableName(table)).items().stream().toList();
    }

    private static JsonNode parse(String json) {
        try {
            return JSON.readTree(json);
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
