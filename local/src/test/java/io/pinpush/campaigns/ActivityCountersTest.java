package io.pinpush.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.pinpush.campaigns.run.ActivityCounters;
import io.pinpush.campaigns.run.RunActivities;
import io.pinpush.channels.ChannelType;
import io.pinpush.local.LocalServer;
import io.pinpush.messaging.CampaignAttribution;
import io.pinpush.messaging.DeliveryOutcome;
import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.messaging.DeliveryTarget;
import io.pinpush.messaging.MessageResult;
import io.pinpush.testing.FailingDynamoDb;
import io.pinpush.testing.PinpushExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ActivityResponse;

/**
 * A campaign activity's SuccessfulEndpointCount, counted by the dispatcher and written at the end of each invocation
 * on DynamoDB Local. By then the outcomes are recorded and their messages deleted, so a count that cannot be written
 * must be kept for the next flush, and one that was written must not be written again.
 */
@ExtendWith(PinpushExtension.class)
class ActivityCountersTest {

    private final AtomicBoolean dynamoDbDown = new AtomicBoolean();
    private final AtomicInteger publishFailures = new AtomicInteger();
    private final DynamoDbClient dynamoDb;
    private final LocalServer server;
    private final PinpointClient pinpoint;

    ActivityCountersTest(LocalServer server, PinpointClient pinpoint) {
        this.server = server;
        this.pinpoint = pinpoint;
        this.dynamoDb = FailingDynamoDb.failingWhen(server.pinpush().aws(), request -> dynamoDbDown.get());
    }

    @AfterEach
    void close() {
        dynamoDb.close();
    }

    /** {@code flushWhileDown} with DynamoDB unreachable, then a flush once it is back. */
    private void flushDownThenUp(Counted counted, Runnable flushWhileDown) {
        dynamoDbDown.set(true);
        try {
            flushWhileDown.run();
        } finally {
            dynamoDbDown.set(false);
        }
        counted.counters.flush();
    }

    @Test
    void aCountThatCannotBeWrittenIsWrittenByTheNextFlush() {
        Counted counted = startActivity("ac71000001");
        counted.succeeded(3);

        flushDownThenUp(counted, counted.counters::flush); // the other buffers are still written: nothing thrown

        assertThat(counted.listed().successfulEndpointCount()).isEqualTo(3);
    }

    @Test
    void aFlushThatCannotWriteManyActivitiesEnds() {
        Counted counted = startActivity("ac71000003");
        // Forty activities' counts in one map: put back while it was walked, a failed count was met again, without end.
        for (int activity = 0; activity < 40; activity++) {
            counted.counters.onOutcome(successful(counted.campaign, "never-started-" + activity, activity));
        }
        counted.succeeded(2);

        flushDownThenUp(counted, () -> assertTimeoutPreemptively(Duration.ofSeconds(20), counted.counters::flush));

        assertThat(counted.listed().successfulEndpointCount()).isEqualTo(2);
    }

    @Test
    void aCountWrittenWhoseListingCouldNotBeUpdatedIsNotWrittenTwice() {
        Counted counted = startActivity("ac71000002");
        counted.succeeded(3);

        publishFailures.set(1); // the count lands; its copy for GetCampaignActivities does not
        counted.counters.flush();
        counted.succeeded(1);
        counted.counters.flush();

        assertThat(counted.listed().successfulEndpointCount()).isEqualTo(4);
    }

    private Counted startActivity(String campaignId) {
        CampaignResponse campaign = StoredCampaign.create(server, pinpoint, campaignId, CampaignStatus.EXECUTING);
        CampaignStore store = StoredCampaign.store(server);
        RunActivities activities = new RunActivities(dynamoDb, server.pinpush().config(), (activity, revision) -> {
            if (publishFailures.getAndUpdate(left -> Math.max(0, left - 1)) > 0) {
                throw new IllegalStateException("the campaign's activity list is busy (test)");
            }
            return store.record(activity, revision);
        });
        String activityId = ActivityIds.newId(Instant.now());
        activities.started(campaign.applicationId(), campaign.id(), activityId, "0", Instant.now(), Instant.now(), 1);
        return new Counted(campaign, activityId, new ActivityCounters(activities));
    }

    private static DeliveryOutcome successful(CampaignResponse campaign, String activityId, int index) {
        return new DeliveryOutcome(campaign.applicationId(), "run-request", index,
                new DeliveryTarget("token-" + index, ChannelType.APNS, "endpoint-" + index, null), null,
                MessageResult.of(DeliveryStatus.SUCCESSFUL, 200, "test"), 1, Instant.now().toString(),
                new CampaignAttribution(campaign.id(), "0", activityId, campaign.version(), null, null));
    }

    private final class Counted {
        final CampaignResponse campaign;
        final String activityId;
        final ActivityCounters counters;
        private int sent;

        Counted(CampaignResponse campaign, String activityId, ActivityCounters counters) {
            this.campaign = campaign;
            this.activityId = activityId;
            this.counters = counters;
        }

        void succeeded(int deliveries) {
            for (int i = 0; i < deliveries; i++, sent++) {
                counters.onOutcome(successful(campaign, activityId, sent));
            }
        }

        ActivityResponse listed() {
            return pinpoint.getCampaignActivities(b -> b.applicationId(campaign.applicationId()).campaignId(campaign.id()))
                    .activitiesResponse().item().stream().filter(activity -> activity.id().equals(activityId))
                    .findFirst().orElseThrow();
        }
    }
}
