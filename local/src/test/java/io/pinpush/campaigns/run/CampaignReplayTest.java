package io.pinpush.campaigns.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.functions.CampaignRunnerHandler;
import io.pinpush.functions.CampaignTickHandler;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.EventSamples;
import io.pinpush.testing.PinpushExtension;
import java.time.Duration;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.CampaignStatus;

/**
 * Replays {@code events/scheduler-campaign-tick.json} and {@code events/sqs-campaign-work.json} through the real tick
 * and runner functions on the shared test server (whose own tick is off).
 */
@ExtendWith(PinpushExtension.class)
class CampaignReplayTest {

    @Test
    void theScheduledTickStartsADueCampaignWhichCompletesOnAnEmptySegment(LocalServer server, PinpointClient pinpoint)
            throws Exception {
        String app = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("campaign-replay")))
                .applicationResponse().id();
        pinpoint.updateGcmChannel(b -> b.applicationId(app).gcmChannelRequest(r -> r.enabled(true).apiKey("server-key")));
        String segment = pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("nobody yet")))
                .segmentResponse().id();
        String campaign = pinpoint.createCampaign(b -> b.applicationId(app).writeCampaignRequest(r -> r.name("replay")
                .segmentId(segment).schedule(s -> s.startTime("IMMEDIATE"))
                .messageConfiguration(m -> m.defaultMessage(d -> d.body("hello"))))).campaignResponse().id();

        JsonNode report = EventSamples.invoke(new CampaignTickHandler(server.pinpush()),
                EventSamples.read("scheduler-campaign-tick.json"));

        assertThat(report.path("runsStarted").asInt()).isGreaterThanOrEqualTo(1);
        // The server's runner drains the work items: an app without endpoints finishes the run at once.
        Awaitility.await().atMost(Duration.ofSeconds(60)).until(() -> pinpoint.getCampaign(b -> b.applicationId(app)
                .campaignId(campaign)).campaignResponse().state().campaignStatus() == CampaignStatus.COMPLETED);
        var activities = pinpoint.getCampaignActivities(b -> b.applicationId(app).campaignId(campaign))
                .activitiesResponse().item();
        assertThat(activities).singleElement().satisfies(a -> {
            assertThat(a.state()).isEqualTo("COMPLETED");
            assertThat(a.totalEndpointCount()).isZero();
        });
    }

    @Test
    void aWorkItemOfAnUnknownCampaignIsDroppedAndAPoisonMessageIsReportedForRetry(LocalServer server) throws Exception {
        String sample = EventSamples.forApp("sqs-campaign-work.json", "replay-app")
                .replace("${campaignId}", "no-such-campaign");
        JsonNode response = EventSamples.invoke(new CampaignRunnerHandler(server.pinpush()), sample);

        assertThat(response.path("batchItemFailures")).extracting(failure -> failure.path("itemIdentifier").asText())
                .containsExactly("7d1e8c2a-3f4b-4a5c-9e6d-campaignwork02");
    }
}
