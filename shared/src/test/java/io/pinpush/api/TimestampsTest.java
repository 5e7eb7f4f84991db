package io.pinpush.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class TimestampsTest {

    @Test
    void datesAlwaysCarryThreeFractionDigitsSoTheySortAsTheyHappened() {
        assertThat(Timestamps.format(Instant.parse("2026-12-05T09:38:43Z"))).isEqualTo("2026-12-05T09:38:43.000Z");
        assertThat(Timestamps.format(Instant.parse("2026-12-05T09:38:43.063917Z"))).isEqualTo("2026-12-05T09:38:43.063Z");
        assertThat(Timestamps.format(Instant.parse("2026-12-05T09:38:43.000Z")))
                .isGreaterThan(Timestamps.format(Instant.parse("2026-12-05T09:38:42.999Z")));
        assertThat(Instant.parse(Timestamps.format(Instant.parse("2026-01-01T00:00:00Z"))))
                .isEqualTo(Instant.parse("2026-01-01T00:00:00Z"));
    }
}
