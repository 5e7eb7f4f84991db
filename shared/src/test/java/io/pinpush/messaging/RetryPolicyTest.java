package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class RetryPolicyTest {

    private static final Instant NOW = Instant.parse("2025-01-01T00:00:00Z");
    private final RetryPolicy policy = new RetryPolicy(5, Duration.ofSeconds(1), Duration.ofSeconds(20));

    @Test
    void backoffCeilingDoublesPerAttemptUpToTheCap() {
        assertThat(policy.backoff(1, () -> 1.0)).isEqualTo(Duration.ofSeconds(1));
        assertThat(policy.backoff(2, () -> 1.0)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3, () -> 1.0)).isEqualTo(Duration.ofSeconds(4));
        assertThat(policy.backoff(5, () -> 1.0)).isEqualTo(Duration.ofSeconds(16));
        assertThat(policy.backoff(6, () -> 1.0)).isEqualTo(Duration.ofSeconds(20));
        assertThat(policy.backoff(200, () -> 1.0)).as("no overflow on absurd attempts").isEqualTo(Duration.ofSeconds(20));
    }

    @Test
    void fullJitterSpreadsTheDelayBetweenZeroAndTheCeiling() {
        assertThat(policy.backoff(3, () -> 0.0)).isEqualTo(Duration.ZERO);
        assertThat(policy.backoff(3, () -> 0.5)).isEqualTo(Duration.ofSeconds(2));
        assertThat(policy.backoff(3, () -> 0.25)).isEqualTo(Duration.ofSeconds(1));
    }

    @Test
    void retryDelaysAreWholeSecondsRoundedUp() {
        RetryPolicy.Decision decision = policy.afterFailure(3, null, NOW, null, () -> 0.3); // 1.2 s
        assertThat(decision).isEqualTo(new RetryPolicy.Decision.Retry(Duration.ofSeconds(2)));
    }

    @Test
    void retryAfterFromTheProviderIsAFloorForTheDelay() {
        RetryPolicy.Decision decision = policy.afterFailure(1, Duration.ofSeconds(30), NOW, null, () -> 0.9);
        assertThat(decision).isEqualTo(new RetryPolicy.Decision.Retry(Duration.ofSeconds(30)));

        RetryPolicy.Decision jitterLonger = policy.afterFailure(5 - 1, Duration.ofMillis(1500), NOW, null, () -> 1.0);
        assertThat(jitterLonger).isEqualTo(new RetryPolicy.Decision.Retry(Duration.ofSeconds(8)));
    }

    @Test
    void theLastAttemptIsFinal() {
        assertThat(policy.afterFailure(4, null, NOW, null, () -> 0.5)).isInstanceOf(RetryPolicy.Decision.Retry.class);
        assertThat(policy.afterFailure(5, null, NOW, null, () -> 0.5))
                .isEqualTo(new RetryPolicy.Decision.GiveUp("gave up after 5 attempts"));
        assertThat(new RetryPolicy(1, Duration.ofSeconds(1), Duration.ofSeconds(1)).afterFailure(1, null, NOW, null, () -> 0))
                .isEqualTo(new RetryPolicy.Decision.GiveUp("gave up after 1 attempt"));
    }

    @Test
    void aNotificationThatExpiresBeforeTheNextAttemptIsNotRetried() {
        Instant expiry = NOW.plusSeconds(10);
        assertThat(policy.afterFailure(1, Duration.ofSeconds(9), NOW, expiry, () -> 0))
                .isEqualTo(new RetryPolicy.Decision.Retry(Duration.ofSeconds(9)));
        assertThat(policy.afterFailure(1, Duration.ofSeconds(10), NOW, expiry, () -> 0))
                .isInstanceOfSatisfying(RetryPolicy.Decision.GiveUp.class,
                        g -> assertThat(g.reason()).contains("expires"));
    }

    @Test
    void aRetryAfterBeyondTheSqsVisibilityLimitIsFinal() {
        assertThat(policy.afterFailure(1, Duration.ofHours(13), NOW, null, () -> 0))
                .isInstanceOfSatisfying(RetryPolicy.Decision.GiveUp.class,
                        g -> assertThat(g.reason()).contains("46800 s"));
    }

    @Test
    void nonsenseSettingsAreRefused() {
        assertThatThrownBy(() -> new RetryPolicy(0, Duration.ofSeconds(1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new RetryPolicy(3, Duration.ofSeconds(-1), Duration.ofSeconds(1)))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
