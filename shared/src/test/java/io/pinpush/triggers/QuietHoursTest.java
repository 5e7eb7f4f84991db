package io.pinpush.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.apps.QuietTime;
import io.pinpush.endpoints.EndpointDemographic;
import io.pinpush.endpoints.EndpointResponse;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class QuietHoursTest {

    private static EndpointResponse in(String timezone) {
        return new EndpointResponse("token", "app", null, null, null, null,
                new EndpointDemographic(null, null, null, null, null, null, null, timezone), null, "ACTIVE", "e1",
                null, null, "NONE", null, null);
    }

    @Test
    void quietTimeIsTheEndpointsLocalTime() {
        QuietTime night = new QuietTime("07:00", "22:00");
        Instant utc2130 = Instant.parse("2026-12-03T21:30:00Z");
        assertThat(QuietHours.isQuiet(night, in("Europe/Berlin"), utc2130)).as("22:30 in Berlin").isTrue();
        assertThat(QuietHours.isQuiet(night, in("America/New_York"), utc2130)).as("16:30 in New York").isFalse();
        assertThat(QuietHours.isQuiet(night, in("Asia/Tokyo"), utc2130)).as("06:30 in Tokyo").isTrue();
        assertThat(QuietHours.isQuiet(night, in("Asia/Tokyo"), Instant.parse("2026-12-03T22:30:00Z")))
                .as("07:30 in Tokyo").isFalse();
    }

    @Test
    void startAndEndAreIncluded() {
        QuietTime lunch = new QuietTime("13:00", "12:00");
        assertThat(QuietHours.isQuiet(lunch, in("UTC"), Instant.parse("2026-12-03T12:00:00Z"))).isTrue();
        assertThat(QuietHours.isQuiet(lunch, in("UTC"), Instant.parse("2026-12-03T13:00:59Z"))).isTrue();
        assertThat(QuietHours.isQuiet(lunch, in("UTC"), Instant.parse("2026-12-03T13:01:00Z"))).isFalse();
        assertThat(QuietHours.isQuiet(lunch, in("UTC"), Instant.parse("2026-12-03T11:59:00Z"))).isFalse();
    }

    @Test
    void endpointsWithoutAValidTimezoneHaveNoQuietTime() {
        QuietTime always = new QuietTime("23:59", "00:00");
        Instant at = Instant.parse("2026-12-03T12:00:00Z");
        assertThat(QuietHours.isQuiet(always, in("UTC"), at)).isTrue();
        assertThat(QuietHours.isQuiet(always, in(null), at)).isFalse();
        assertThat(QuietHours.isQuiet(always, in("Mars/Olympus_Mons"), at)).isFalse();
        assertThat(QuietHours.isQuiet(null, in("UTC"), at)).isFalse();
    }
}
