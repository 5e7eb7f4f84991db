package io.pinpush.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.campaigns.run.RunActivities;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ActivityResponse;

/**
 * Dispatchers count a campaign run's outcomes concurrently, and each count publishes the activity as it then was.
 * Those publishes land in any order; GetCampaignActivities must still show every count once the last one is made,
 * even when an early count's publish lands last.
 */
@ExtendWith(PinpushExtension.class)
class ActivityRevisionsTest {

    private static final int COUNTS = 200;
    /** The revision of an activity's first count: its start is revision 1. */
    private static final long FIRST_COUNT = 2;

    @Test
    void concurrentCountsAllShowInGetCampaignActivities(LocalServer server, PinpointClient pinpoint) throws Exception {
        CampaignResponse campaign = StoredCampaign.create(server, pinpoint, "c0ffee", CampaignStatus.EXECUTING);
        String appId = campaign.applicationId();
        CampaignStore store = StoredCampaign.store(server);
        // The first count's publish is held back until all others are made, as a slow dispatcher's would be.
        List<Runnable> late = new ArrayList<>();
        RunActivities activities = new RunActivities(server.pinpush().aws().dynamoDb(), server.pinpush().config(),
                (activity, revision) -> {
                    if (revision == FIRST_COUNT) {
                        late.add(() -> assertThat(store.record(activity, revision)).isTrue());
                        return true;
                    }
                    return store.record(activity, revision);
                });
        String activityId = ActivityIds.newId(Instant.now());
        activities.started(appId, campaign.id(), activityId, "0", Instant.now(), Instant.now(), 1);

        ExecutorService dispatchers = Executors.newFixedThreadPool(8);
        try {
            List<Future<?>> counted = new ArrayList<>();
            for (int i = 0; i < COUNTS; i++) {
                counted.add(dispatchers.submit(() -> activities.add(appId, campaign.id(), activityId, 1, 1, 0)));
            }
            for (Future<?> count : counted) {
                count.get();
            }
        } finally {
            dispatchers.shutdown();
        }
        assertThat(late).hasSize(1);
        late.forEach(Runnable::run);

        List<ActivityResponse> listed = pinpoint.getCampaignActivities(b -> b.applicationId(appId)
                .campaignId(campaign.id())).activitiesResponse().item();
        assertThat(listed).singleElement().satisfies(activity -> {
            assertThat(activity.totalEndpointCount()).isEqualTo(COUNTS);
            assertThat(activity.successfulEndpointCount()).isEqualTo(COUNTS);
        });
    }
}
