package io.pinpush.api;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;

/** Dates on the wire are ISO-8601 UTC strings with millisecond precision, as Pinpoint returns them. */
public final class Timestamps {

    /**
     * Always three fraction digits: Instant.toString() drops a zero fraction ("...:43Z"), which broke the promised
     * precision one time in a thousand, and the order of these strings where they sort records (audit, reports).
     */
    private static final DateTimeFormatter MILLIS = DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'")
            .withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String now(Clock clock) {
        return format(clock.instant());
    }

    public static String format(Instant instant) {
        return MILLIS.format(instant);
    }
}
