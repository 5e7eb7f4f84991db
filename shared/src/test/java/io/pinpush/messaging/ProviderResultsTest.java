package io.pinpush.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.providers.ProviderOutcome;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ProviderResultsTest {

    @Test
    void deliveredKeepsTheProviderStatusMessageIdAndUpdatedToken() {
        MessageResult result = ProviderResults.toResult(new ProviderOutcome.Delivered(200, "apns-id-1", "new-token"));
        assertThat(result).isEqualTo(new MessageResult(DeliveryStatus.SUCCESSFUL, "apns-id-1", 200, "Delivered", "new-token"));
        assertThat(ProviderResults.isRetryable(result)).isFalse();
    }

    @Test
    void aDeadTokenIsAPermanentFailureThatDeactivatesTheEndpoint() {
        ProviderOutcome unregistered = new ProviderOutcome.Rejected(410, "Unregistered", true, false, null);
        assertThat(ProviderResults.toResult(unregistered))
                .isEqualTo(MessageResult.permanentFailure(410, "Unregistered"));
        assertThat(ProviderResults.tokenInvalid(unregistered)).isTrue();
    }

    @Test
    void throttlingIsRetriedAndKeepsRetryAfter() {
        ProviderOutcome throttled = new ProviderOutcome.Rejected(429, "TooManyRequests", false, true, Duration.ofSeconds(7));
        MessageResult result = ProviderResults.toResult(throttled);
        assertThat(result.deliveryStatus()).isEqualTo(DeliveryStatus.THROTTLED);
        assertThat(ProviderResults.isRetryable(result)).isTrue();
        assertThat(ProviderResults.retryAfter(throttled)).isEqualTo(Duration.ofSeconds(7));
    }

    @Test
    void retryableRefusalsAreTemporaryAndOthersPermanent() {
        assertThat(ProviderResults.toResult(new ProviderOutcome.Rejected(503, "ServiceUnavailable", false, true, null)))
                .isEqualTo(MessageResult.of(DeliveryStatus.TEMPORARY_FAILURE, 503, "ServiceUnavailable"));
        assertThat(ProviderResults.toResult(new ProviderOutcome.Rejected(400, "BadTopic", false, false, null)))
                .isEqualTo(MessageResult.permanentFailure(400, "BadTopic"));
    }

    @Test
    void aSendThatNeverGotAnAnswerHasNoProviderStatus() {
        assertThat(ProviderResults.toResult(new ProviderOutcome.Failed("Connection refused", true)))
                .isEqualTo(MessageResult.of(DeliveryStatus.TEMPORARY_FAILURE, 503, "Connection refused"));
        assertThat(ProviderResults.toResult(new ProviderOutcome.Failed("No credentials", false)))
                .isEqualTo(MessageResult.of(DeliveryStatus.UNKNOWN_FAILURE, 500, "No credentials"));
        assertThat(ProviderResults.retryAfter(new ProviderOutcome.Failed("x", true))).isNull();
    }
}
