package io.pinpush.api;

import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/** Dates on the wire are ISO-8601 UTC strings with millisecond precision, as Pinpoint returns them. */
public final class Timestamps {

    private Timestamps() {
    }

    public static String now(Clock clock) {
        return format(clock.instant());
    }

    public static String format(Instant instant) {
        return instant.truncatedTo(ChronoUnit.MILLIS).toString();
    }
}
