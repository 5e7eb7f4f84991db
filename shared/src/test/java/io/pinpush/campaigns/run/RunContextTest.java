package io.pinpush.campaigns.run;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.apps.CampaignLimits;
import io.pinpush.messaging.CampaignAttribution;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RunContextTest {

    static RunContext run(CampaignLimits limits) {
        return new RunContext("app", "campaign", 3, 1, "0", "activity", Instant.parse("2026-12-10T10:00:00Z"), null,
                new RunContext.Treatment("0", null, null, null), limits, null, null);
    }

    @Test
    void deliveriesCarryTheLimitsTheDispatcherApplies() {
        CampaignAttribution attribution = run(new CampaignLimits(null, 600, 50, null, null)).attribution();

        assertThat(attribution.messagesPerSecond()).isEqualTo(50);
        assertThat(attribution.sendBy()).isEqualTo("2026-12-10T10:10:00Z");
        assertThat(attribution.activityId()).isEqualTo("activity");
        assertThat(attribution.version()).isEqualTo(3);
    }

    @Test
    void withoutLimitsNothingIsPacedOrExpired() {
        assertThat(run(null).attribution().messagesPerSecond()).isNull();
        assertThat(run(null).attribution().sendBy()).isNull();
        assertThat(run(new CampaignLimits(1, null, null, null, null)).attribution().sendBy()).isNull();
    }
}
