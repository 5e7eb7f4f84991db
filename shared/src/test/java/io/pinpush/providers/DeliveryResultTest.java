package io.pinpush.providers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.messaging.DeliveryStatus;
import io.pinpush.messaging.EndpointMessageResult;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class DeliveryResultTest {

    @Test
    void deliveredIsSuccessfulWithTheProvidersMessageIdAndCanonicalToken() {
        DeliveryResult result = DeliveryResult.of(new ProviderOutcome.Delivered(200, "projects/p/messages/1", "new-token"));

        assertThat(result.toEndpointMessageResult("old-token")).isEqualTo(new EndpointMessageResult("old-token",
                DeliveryStatus.SUCCESSFUL, "projects/p/messages/1", 200, "OK", "new-token"));
    }

    @Test
    void rejectionsMapByKind() {
        // An invalid token is a 400 permanent failure, as Pinpoint answers it; the provider's status stays in the message.
        assertThat(DeliveryResult.of(new ProviderOutcome.Rejected(410, "Unregistered", true, false, null)))
                .isEqualTo(new DeliveryResult(DeliveryStatus.PERMANENT_FAILURE, 400, "Unregistered (provider HTTP 410)",
                        null, null, false, null, true));
        assertThat(DeliveryResult.of(new ProviderOutcome.Rejected(429, "QUOTA_EXCEEDED", false, true, Duration.ofSeconds(7))))
                .isEqualTo(new DeliveryResult(DeliveryStatus.THROTTLED, 429, "QUOTA_EXCEEDED", null, null, true, Duration.ofSeconds(7), false));
        assertThat(DeliveryResult.of(new ProviderOutcome.Rejected(503, "UNAVAILABLE", false, true, null)).deliveryStatus())
                .isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
        // So are rejected credentials, without touching the endpoint; an expired token is retried with a new one.
        assertThat(DeliveryResult.of(new ProviderOutcome.Rejected(403, "InvalidProviderToken", false, false, null)))
                .isEqualTo(new DeliveryResult(DeliveryStatus.PERMANENT_FAILURE, 400,
                        "InvalidProviderToken (provider HTTP 403)", null, null, false, null, false));
        assertThat(DeliveryResult.of(new ProviderOutcome.Rejected(401, "THIRD_PARTY_AUTH_ERROR", false, false, null))
                .statusCode()).isEqualTo(400);
        assertThat(DeliveryResult.of(new ProviderOutcome.Rejected(403, "ExpiredProviderToken", false, true, null))
                .deliveryStatus()).isEqualTo(DeliveryStatus.TEMPORARY_FAILURE);
        assertThat(DeliveryResult.of(new ProviderOutcome.Rejected(400, "BadTopic", false, false, null)).deliveryStatus())
                .isEqualTo(DeliveryStatus.UNKNOWN_FAILURE);
    }

    @Test
    void failuresAreTemporaryWhenRetryableAndUnknownOtherwise() {
        assertThat(DeliveryResult.of(new ProviderOutcome.Failed("Connection refused", true)))
                .isEqualTo(new DeliveryResult(DeliveryStatus.TEMPORARY_FAILURE, 503, "Connection refused", null, null, true, null, false));
        assertThat(DeliveryResult.of(new ProviderOutcome.Failed("The app has no GCM channel", false)))
                .isEqualTo(new DeliveryResult(DeliveryStatus.UNKNOWN_FAILURE, 500, "The app has no GCM channel", null, null, false, null, false));
    }

    @Test
    void notificationsThatCouldNotBeRenderedArePermanentFailures() {
        assertThat(DeliveryResult.notRendered(new RenderResult.TooLarge("too big")))
                .isEqualTo(new DeliveryResult(DeliveryStatus.PERMANENT_FAILURE, 413, "too big", null, null, false, null, false));
        assertThat(DeliveryResult.notRendered(new RenderResult.Invalid("bad json")))
                .isEqualTo(new DeliveryResult(DeliveryStatus.PERMANENT_FAILURE, 400, "bad json", null, null, false, null, false));
    }
}
