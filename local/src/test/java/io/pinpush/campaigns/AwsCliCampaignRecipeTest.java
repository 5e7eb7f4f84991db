package io.pinpush.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.AwsCli;
import io.pinpush.testing.PinpushExtension;
import io.pinpush.testing.RecipeScripts;
import io.pinpush.testing.RecipeScripts.Result;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Action;
import software.amazon.awssdk.services.pinpoint.model.CampaignResponse;
import software.amazon.awssdk.services.pinpoint.model.CampaignStatus;

/**
 * The customer's recipe (seed 004) steps 4, 5 and 7 with the real AWS CLI v1: endpoints, the high-value segment, and
 * the push campaign on it (without the Sound member the model lacks), read back with the CLI and the SDK; then the
 * recipe's activity check and cleanup.
 */
@ExtendWith(PinpushExtension.class)
class AwsCliCampaignRecipeTest {

    private static final String FLASH_SALE = "Don't miss out! Flash sale ends in 2 hours - Up to 50% off!";

    @Test
    void recipeStepSevenCampaignIsCreatedOnTheRecipeSegmentAndReadsBack(PinpointClient pinpoint, LocalServer server)
            throws Exception {
        String app = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("recipe-004")))
                .applicationResponse().id();
        // The recipe's channels (steps 2 and 3); GCM with its legacy server key is enough to make the message sendable.
        pinpoint.updateGcmChannel(b -> b.applicationId(app).gcmChannelRequest(r -> r.enabled(true)
                .apiKey("YOUR_FCM_SERVER_KEY")));
        Map<String, String> variables = Map.of("PINPOINT_APP_ID", app, "AWS_REGION", "us-east-1",
                "SEGMENT_NAME", "high-value-customers", "CAMPAIGN_NAME", "flash-sale-campaign",
                "PINPUSH_ENDPOINT_URL", server.endpoint().toString());
        assertSucceeded(RecipeScripts.run("/recipes/004-step4-create-user-endpoints.sh", variables));
        String segmentId = created(RecipeScripts.run("/recipes/004-step5-create-user-segment.sh", variables),
                "Created user segment");
        Map<String, String> withSegment = new java.util.HashMap<>(variables);
        withSegment.put("SEGMENT_ID", segmentId);

        String campaignId = created(RecipeScripts.run("/recipes/004-step7-create-push-campaign.sh", withSegment),
                "Created push campaign");

        JsonNode read = AwsCli.json(server.endpoint(), "pinpoint", "get-campaign", "--application-id", app,
                "--campaign-id", campaignId).path("CampaignResponse");
        assertThat(read.path("Name").asText()).isEqualTo("flash-sale-campaign");
        assertThat(read.path("Description").asText()).isEqualTo("Flash sale notification for high-value customers");
        assertThat(read.path("SegmentId").asText()).isEqualTo(segmentId);
        assertThat(read.path("SegmentVersion").asInt()).isEqualTo(1);
        assertThat(read.path("State").path("CampaignStatus").asText()).isEqualTo("SCHEDULED");
        assertThat(read.path("Version").asInt()).isEqualTo(1);
        JsonNode message = read.path("MessageConfiguration");
        assertThat(message.path("APNSMessage").path("Title").asText()).isEqualTo("🔥 Flash Sale Alert");
        assertThat(message.path("GCMMessage").path("Action").asText()).isEqualTo("OPEN_APP");
        assertThat(message.path("DefaultMessage").path("Body").asText()).isEqualTo(FLASH_SALE);
        JsonNode schedule = read.path("Schedule");
        assertThat(schedule.path("StartTime").asText()).isEqualTo("IMMEDIATE");
        assertThat(schedule.path("IsLocalTime").asBoolean()).isTrue();
        assertThat(schedule.path("Timezone").asText()).isEqualTo("America/New_York");
        assertThat(schedule.path("QuietTime").path("Start").asText()).isEqualTo("22:00");
        assertThat(schedule.path("QuietTime").path("End").asText()).isEqualTo("08:00");

        CampaignResponse viaSdk = pinpoint.getCampaign(b -> b.applicationId(app).campaignId(campaignId))
                .campaignResponse();
        assertThat(viaSdk.messageConfiguration().apnsMessage().action()).isEqualTo(Action.OPEN_APP);
        assertThat(viaSdk.messageConfiguration().apnsMessage().body()).isEqualTo(FLASH_SALE);
        assertThat(viaSdk.state().campaignStatus()).isEqualTo(CampaignStatus.SCHEDULED);

        // "Test Campaign Analytics" and "Cleanup": the recipe's own calls.
        JsonNode activities = AwsCli.json(server.endpoint(), "pinpoint", "get-campaign-activities",
                "--application-id", app, "--campaign-id", campaignId);
        assertThat(activities.path("ActivitiesResponse").path("Item").isArray()).isTrue();
        AwsCli.json(server.endpoint(), "pinpoint", "delete-campaign", "--application-id", app,
                "--campaign-id", campaignId);
        assertThat(AwsCli.json(server.endpoint(), "pinpoint", "get-campaigns", "--application-id", app)
                .path("CampaignsResponse").path("Item")).isEmpty();
    }

    private static void assertSucceeded(Result result) {
        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    /** The id the script echoed after "✅ <what>: ". */
    private static String created(Result result, String what) {
        assertSucceeded(result);
        Matcher matcher = Pattern.compile(what + ": ([0-9a-f]{32})\\s*$").matcher(result.output().strip());
        assertThat(matcher.find()).as(result.output()).isTrue();
        return matcher.group(1);
    }
}
