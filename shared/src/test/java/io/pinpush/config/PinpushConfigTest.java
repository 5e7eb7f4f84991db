package io.pinpush.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PinpushConfigTest {

    @Test
    void quotasAreEnforcedUnlessTurnedOffAndAuditRecordsKeptNinetyDaysByDefault() {
        assertThat(new PinpushConfig(Map.of()).quotasEnforced()).isTrue();
        assertThat(new PinpushConfig(Map.of("PINPUSH_QUOTAS", "off")).quotasEnforced()).isFalse();
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> new PinpushConfig(Map.of("PINPUSH_QUOTAS", "no"))
                .quotasEnforced()).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("PINPUSH_QUOTAS");
        assertThat(new PinpushConfig(Map.of()).auditRetention()).isEqualTo(Duration.ofDays(90));
        assertThat(new PinpushConfig(Map.of("PINPUSH_AUDIT_RETENTION", "P365D")).auditRetention())
                .isEqualTo(Duration.ofDays(365));
    }

    @Test
    void channelCacheTtlDefaultsToThirtySecondsAndTakesIsoDurations() {
        assertThat(new PinpushConfig(Map.of()).channelCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new PinpushConfig(Map.of("PINPUSH_CHANNEL_CACHE_TTL", "PT5M")).channelCacheTtl())
                .isEqualTo(Duration.ofMinutes(5));
    }
}
