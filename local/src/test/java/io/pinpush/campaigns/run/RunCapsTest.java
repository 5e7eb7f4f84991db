package io.pinpush.campaigns.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.apps.CampaignLimits;
import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.campaigns.CampaignState;
import io.pinpush.campaigns.CampaignStatus;
import io.pinpush.campaigns.Frequency;
import io.pinpush.limits.CampaignCapsAdmission;
import io.pinpush.limits.EndpointCaps;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/**
 * Limits.Daily and Limits.Total per endpoint across the runs of a recurring campaign: the real runner and run
 * store with {@link CampaignCapsAdmission} over {@link EndpointCaps} on DynamoDB Local, a simulated clock.
 */
@ExtendWith(PinpushExtension.class)
class RunCapsTest {

    @Test
    void dailyAndTotalCapEachEndpointExactlyAcrossHourlyRuns(LocalServer server, PinpointClient pinpoint) {
        AtomicReference<RunHarness> current = new AtomicReference<>();
        Clock simulated = new Clock() {
            @Override
            public Instant instant() {
                return current.get().clock.instant();
            }

            @Override
            public ZoneId getZone() {
                return ZoneOffset.UTC;
            }

            @Override
            public Clock withZone(ZoneId zone) {
                return this;
            }
        };
        EndpointCaps caps = new EndpointCaps(server.pinpush().aws().dynamoDb(), server.pinpush().config(), simulated);
        RunHarness harness = new RunHarness(server, pinpoint, Instant.parse("2026-12-10T09:30:00Z"),
                new CampaignCapsAdmission(caps));
        current.set(harness);
        harness.endpoints("e-", 3, null);
        String id = UUID.randomUUID().toString().replace("-", "");
        CampaignResponse campaign = new CampaignResponse(null, harness.appId, "arn:campaign/" + id,
                harness.clock.instant().toString(), null, CampaignState.of(CampaignStatus.SCHEDULED), null, null, null,
                id, false, harness.clock.instant().toString(), new CampaignLimits(1, null, null, 2, null), null,
                "capped", RunHarness.schedule("2026-12-10T10:00:00Z", "2026-12-13T12:00:00Z", Frequency.HOURLY, false,
                        null, "UTC"), harness.segmentOfAll(), 1, CampaignState.of(CampaignStatus.SCHEDULED), null, null,
                null, null, 1, null);
        harness.campaigns.save(campaign);
        harness.runs.scheduler().saved(campaign);

        List<Integer> sentPerRun = new java.util.ArrayList<>();
        for (String at : List.of("2026-12-10T10:00:00Z", "2026-12-10T11:00:00Z", // day 1: Daily 1
                "2026-12-11T10:00:00Z", "2026-12-11T11:00:00Z",                     // day 2: Daily 1, Total reaches 2
                "2026-12-12T10:00:00Z")) {                                          // day 3: Total 2 reached
            harness.clock.advance(Duration.between(harness.clock.instant(), Instant.parse(at)));
            harness.tick();
            int before = harness.sent.size();
            harness.drain();
            sentPerRun.add(harness.sent.size() - before);
        }

        assertThat(sentPerRun).containsExactly(3, 0, 3, 0, 0);
        assertThat(harness.sent.stream().filter(s -> s.endpointId().equals("e-0")).count()).isEqualTo(2);
    }
}
