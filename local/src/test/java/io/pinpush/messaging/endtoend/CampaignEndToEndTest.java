package io.pinpush.messaging.endtoend;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.local.standins.ApnsStandIn;
import io.pinpush.local.standins.FcmStandIn;
import io.pinpush.testing.RecipeScripts;
import io.pinpush.testing.StandInsExtension;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.model.ActivityResponse;
import software.amazon.awssdk.services.pinpoint.model.CampaignStatus;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointBatchItem;
import software.amazon.awssdk.services.pinpoint.model.Frequency;

/**
 * The customer's recipe campaign (seed 004 step 7, without Sound) created with the real AWS CLI on the recipe's
 * high-value segment, and run by the local server's own tick and campaign runner: the push reaches exactly the
 * segment's sendable endpoints through the APNs and FCM stand-ins, with the campaign's data keys, every outcome is
 * streamed as {@code _campaign.send}, and the activity and the campaign end COMPLETED with the real counts.
 */
@ExtendWith(StandInsExtension.class)
class CampaignEndToEndTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theRecipeCampaignReachesExactlyTheSegmentAndEveryOutcomeIsStreamed(ApnsStandIn apns, FcmStandIn fcm)
            throws Exception {
        try (PushStack stack = new PushStack(apns, fcm, "PT5S", Map.of("PINPUSH_LOCAL_CAMPAIGN_TICK", "PT1S",
                // A stand-in slowed by a busy machine must not turn into a retry (a second push) in this test.
                "PINPUSH_PROVIDER_TIMEOUT", "PT30S"))) {
            String app = stack.newApp();
            String iosToken1 = stack.apnsToken();
            String iosToken2 = stack.apnsToken();
            String androidToken = PushStack.fcmToken();
            String lowValueToken = PushStack.fcmToken();
            String optedOutToken = stack.apnsToken();
            stack.pinpoint.updateEndpointsBatch(b -> b.applicationId(app).endpointBatchRequest(r -> r.item(
                    endpoint("ios-1", iosToken1, ChannelType.APNS, "iOS", "high-value", "NONE"),
                    endpoint("ios-2", iosToken2, ChannelType.APNS, "iOS", "high-value", "NONE"),
                    endpoint("android-1", androidToken, ChannelType.GCM, "Android", "high-value", "NONE"),
                    endpoint("android-low", lowValueToken, ChannelType.GCM, "Android", "low-value", "NONE"),
                    endpoint("ios-opted-out", optedOutToken, ChannelType.APNS, "iOS", "high-value", "ALL"))));

            Map<String, String> variables = new HashMap<>(Map.of("PINPOINT_APP_ID", app, "AWS_REGION", "us-east-1",
                    "SEGMENT_NAME", "high-value-customers", "CAMPAIGN_NAME", "flash-sale-campaign",
                    "PINPUSH_ENDPOINT_URL", stack.server.endpoint().toString()));
            variables.put("SEGMENT_ID", created(RecipeScripts.run("/recipes/004-step5-create-user-segment.sh", variables),
                    "Created user segment"));
            String campaignId = created(RecipeScripts.run("/recipes/004-step7-create-push-campaign.sh", variables),
                    "Created push campaign");

            Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> stack.pinpoint.getCampaign(b -> b
                    .applicationId(app).campaignId(campaignId)).campaignResponse().state().campaignStatus()
                    == CampaignStatus.COMPLETED);
            AtomicReference<List<ActivityResponse>> activities = new AtomicReference<>(List.of());
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> {
                activities.set(stack.pinpoint.getCampaignActivities(b -> b.applicationId(app).campaignId(campaignId))
                        .activitiesResponse().item());
                return activities.get().size() == 1 && activities.get().get(0).successfulEndpointCount() == 3;
            });
            ActivityResponse activity = activities.get().get(0);
            assertThat(activity.state()).isEqualTo("COMPLETED");
            assertThat(activity.totalEndpointCount()).isEqualTo(3);
            assertThat(activity.timezonesTotalCount()).isEqualTo(1);
            assertThat(activity.timezonesCompletedCount()).isEqualTo(1);
            assertThat(activity.treatmentId()).isEqualTo("0");

            // A new Schedule for the finished campaign does not run it again (every run of its schedule started): it
            // stays COMPLETED, and the ticks after the new StartTime send nothing more.
            String soon = java.time.Instant.now().plus(Duration.ofSeconds(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                    .plus(Duration.ofSeconds(1)).toString();
            assertThat(stack.pinpoint.updateCampaign(b -> b.applicationId(app).campaignId(campaignId)
                    .writeCampaignRequest(r -> r.schedule(s -> s.startTime(soon)))).campaignResponse()
                    .state().campaignStatus()).isEqualTo(CampaignStatus.COMPLETED);
            Awaitility.await().during(Duration.ofSeconds(8)).atMost(Duration.ofSeconds(15)).until(() ->
                    stack.apnsReceived(iosToken1).size() == 1 && stack.pinpoint.getCampaignActivities(b -> b
                            .applicationId(app).campaignId(campaignId)).activitiesResponse().item().size() == 1);

            assertThat(stack.apnsReceived(iosToken1)).hasSize(1);
            assertThat(stack.apnsReceived(iosToken2)).hasSize(1);
            assertThat(stack.fcmReceived(androidToken)).hasSize(1);
            assertThat(stack.fcmReceived(lowValueToken)).as("not in the segment").isEmpty();
            assertThat(stack.apnsReceived(optedOutToken)).as("opted out").isEmpty();

            JsonNode apnsPayload = JSON.readTree(stack.apnsReceived(iosToken1).get(0).payload());
            assertThat(apnsPayload.path("aps").path("alert").path("title").asText()).isEqualTo("🔥 Flash Sale Alert");
            assertThat(apnsPayload.path("data").path("pinpoint").path("campaign").path("campaign_id").asText())
                    .isEqualTo(campaignId);
            assertThat(apnsPayload.path("data").path("pinpoint").path("campaign").path("campaign_activity_id").asText())
                    .isEqualTo(activity.id());
            JsonNode fcmData = stack.fcmReceived(androidToken).get(0).json().path("message").path("data");
            assertThat(fcmData.path("pinpoint.campaign.campaign_id").asText()).isEqualTo(campaignId);
            assertThat(fcmData.path("pinpoint.campaign.treatment_id").asText()).isEqualTo("0");
            assertThat(fcmData.path("pinpoint.campaign.campaign_activity_id").asText()).isEqualTo(activity.id());

            Path events = stack.server.pinpush().config().eventFile().orElseThrow();
            AtomicReference<List<JsonNode>> streamed = new AtomicReference<>(List.of());
            Awaitility.await().atMost(Duration.ofSeconds(10)).until(() -> {
                streamed.set(campaignSends(events, app));
                return streamed.get().size() == 3;
            });
            List<JsonNode> sends = streamed.get();
            assertThat(sends).extracting(e -> e.path("client").path("client_id").asText())
                    .containsExactlyInAnyOrder("ios-1", "ios-2", "android-1");
            assertThat(sends).allSatisfy(e -> {
                JsonNode attributes = e.path("attributes");
                assertThat(attributes.path("campaign_id").asText()).isEqualTo(campaignId);
                assertThat(attributes.path("campaign_activity_id").asText()).isEqualTo(activity.id());
                assertThat(attributes.path("treatment_id").asText()).isEqualTo("0");
                assertThat(attributes.path("campaign_send_status").asText()).isEqualTo("SUCCESS");
            });
        }
    }

    @Test
    void aDailyCampaignCutShortBetweenItsRunsIsCompletedByTheUpdate(ApnsStandIn apns, FcmStandIn fcm) throws Exception {
        try (PushStack stack = new PushStack(apns, fcm, "PT5S", Map.of("PINPUSH_LOCAL_CAMPAIGN_TICK", "PT1S",
                "PINPUSH_PROVIDER_TIMEOUT", "PT30S"))) {
            String app = stack.newApp();
            String token = stack.apnsToken();
            stack.pinpoint.updateEndpointsBatch(b -> b.applicationId(app).endpointBatchRequest(r -> r.item(
                    endpoint("ios-1", token, ChannelType.APNS, "iOS", "high-value", "NONE"))));
            String segment = stack.pinpoint.createSegment(b -> b.applicationId(app)
                    .writeSegmentRequest(r -> r.name("everyone"))).segmentResponse().id();
            String cut = dailyCampaignAfterItsFirstRun(stack, app, segment);
            String pausedThenCut = dailyCampaignAfterItsFirstRun(stack, app, segment);

            // Their next runs are tomorrow; an EndTime two minutes away leaves them none. Done, not waiting.
            assertThat(cutShort(stack, app, cut).state().campaignStatus()).isEqualTo(CampaignStatus.COMPLETED);
            assertThat(status(stack, app, cut)).isEqualTo(CampaignStatus.COMPLETED);

            // Cut while paused, then resumed: done when resumed.
            stack.pinpoint.updateCampaign(b -> b.applicationId(app).campaignId(pausedThenCut)
                    .writeCampaignRequest(r -> r.isPaused(true)));
            assertThat(cutShort(stack, app, pausedThenCut).state().campaignStatus()).isEqualTo(CampaignStatus.PAUSED);
            assertThat(stack.pinpoint.updateCampaign(b -> b.applicationId(app).campaignId(pausedThenCut)
                    .writeCampaignRequest(r -> r.isPaused(false))).campaignResponse().state().campaignStatus())
                    .isEqualTo(CampaignStatus.COMPLETED);

            // And neither runs again: the device had one push from each campaign, and still has after a few ticks.
            Awaitility.await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(10))
                    .until(() -> stack.apnsReceived(token).size() == 2);
        }
    }

    /** An IMMEDIATE DAILY campaign to {@code segment}, once its first run has gone out (PENDING_NEXT_RUN). */
    private static String dailyCampaignAfterItsFirstRun(PushStack stack, String app, String segment) {
        String campaignId = stack.pinpoint.createCampaign(b -> b.applicationId(app).writeCampaignRequest(r -> r
                        .name("daily").segmentId(segment)
                        .schedule(s -> s.startTime("IMMEDIATE").frequency(Frequency.DAILY))
                        .messageConfiguration(m -> m.apnsMessage(a -> a.title("Daily").body("Today's deal")))))
                .campaignResponse().id();
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> status(stack, app, campaignId)
                == CampaignStatus.PENDING_NEXT_RUN);
        return campaignId;
    }

    /** UpdateCampaign: the same IMMEDIATE DAILY schedule, ending two minutes from now. */
    private static software.amazon.awssdk.services.pinpoint.model.CampaignResponse cutShort(PushStack stack, String app,
                                                                                          String campaignId) {
        String end = java.time.Instant.now().plus(Duration.ofMinutes(2)).truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                .toString();
        return stack.pinpoint.updateCampaign(b -> b.applicationId(app).campaignId(campaignId)
                .writeCampaignRequest(r -> r.schedule(s -> s.startTime("IMMEDIATE").frequency(Frequency.DAILY)
                        .endTime(end)))).campaignResponse();
    }

    private static CampaignStatus status(PushStack stack, String app, String campaignId) {
        return stack.pinpoint.getCampaign(b -> b.applicationId(app).campaignId(campaignId)).campaignResponse().state()
                .campaignStatus();
    }

    private static EndpointBatchItem endpoint(String id, String token, ChannelType type, String platform,
                                              String purchases, String optOut) {
        return EndpointBatchItem.builder().id(id).address(token).channelType(type).optOut(optOut)
                .demographic(d -> d.platform(platform))
                .user(u -> u.userId("user-" + id).userAttributes(Map.of("PurchaseHistory", List.of(purchases)))).build();
    }

    private static List<JsonNode> campaignSends(Path file, String appId) {
        try {
            return !Files.exists(file) ? List.of() : Files.readAllLines(file).stream().map(CampaignEndToEndTest::parse)
                    .filter(json -> appId.equals(json.path("application").path("app_id").asText()))
                    .filter(json -> "_campaign.send".equals(json.path("event_type").asText())).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static JsonNode parse(String line) {
        try {
            return JSON.readTree(line);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The id the recipe script echoed after "✅ <what>: ". */
    private static String created(RecipeScripts.Result result, String what) {
        assertThat(result.exitCode()).as(result.output()).isZero();
        Matcher matcher = Pattern.compile(what + ": ([0-9a-f]{32})\\s*$").matcher(result.output().strip());
        assertThat(matcher.find()).as(result.output()).isTrue();
        return matcher.group(1);
    }
}
