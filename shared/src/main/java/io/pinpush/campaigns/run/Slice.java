package io.pinpush.campaigns.run;

import java.time.Instant;

/**
 * The endpoints of a run that start at one instant: the whole audience, or with IsLocalTime those whose zone has
 * one UTC offset at the run's wall-clock time (Pinpoint's "time zones" of an activity).
 *
 * @param start  ISO-8601 instant the slice is sent
 * @param offset the UTC offset it stands for ("+05:30"), or null for a run in one time zone
 */
public record Slice(String start, String offset) {

    public static Slice at(Instant start, String offset) {
        return new Slice(start.toString(), offset);
    }

    public Instant startsAt() {
        return Instant.parse(start);
    }
}
