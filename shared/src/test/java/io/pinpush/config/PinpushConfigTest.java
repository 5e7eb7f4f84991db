package io.pinpush.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class PinpushConfigTest {

    @Test
    void channelCacheTtlDefaultsToThirtySecondsAndTakesIsoDurations() {
        assertThat(new PinpushConfig(Map.of()).channelCacheTtl()).isEqualTo(Duration.ofSeconds(30));
        assertThat(new PinpushConfig(Map.of("PINPUSH_CHANNEL_CACHE_TTL", "PT5M")).channelCacheTtl())
                .isEqualTo(Duration.ofMinutes(5));
    }
}
