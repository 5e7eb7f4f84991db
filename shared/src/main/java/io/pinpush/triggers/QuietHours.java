package io.pinpush.triggers;

import io.pinpush.apps.QuietTime;
import io.pinpush.endpoints.EndpointResponse;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.ChronoUnit;

/**
 * Pinpoint's QuietTime rule: no message while the endpoint's local time is between Start and End (both included,
 * the window may span midnight). It applies only to endpoints whose Demographic.Timezone is a valid zone, as in
 * Pinpoint: without one there is no local time to be quiet in.
 */
public final class QuietHours {

    private QuietHours() {
    }

    public static boolean isQuiet(QuietTime quietTime, EndpointResponse endpoint, Instant at) {
        if (quietTime == null || quietTime.start() == null || quietTime.end() == null || endpoint.demographic() == null
                || endpoint.demographic().timezone() == null) {
            return false;
        }
        ZoneId zone;
        try {
            zone = ZoneId.of(endpoint.demographic().timezone());
        } catch (DateTimeException invalid) {
            return false;
        }
        LocalTime local = at.atZone(zone).toLocalTime().truncatedTo(ChronoUnit.MINUTES);
        LocalTime start = LocalTime.parse(quietTime.start());
        LocalTime end = LocalTime.parse(quietTime.end());
        if (!start.isAfter(end)) {
            return !local.isBefore(start) && !local.isAfter(end);
        }
        return !local.isBefore(start) || !local.isAfter(end);
    }
}
