package io.pinpush.apps;

import io.pinpush.api.ApiError;
import java.util.regex.Pattern;

/** A daily window (HH:mm, recipient's local time) in which no campaign messages are sent. */
public record QuietTime(String end, String start) {

    private static final Pattern HH_MM = Pattern.compile("([01]\\d|2[0-3]):[0-5]\\d");

    public QuietTime {
        requireTime("QuietTime.Start", start);
        requireTime("QuietTime.End", end);
    }

    /** BadRequestException unless Start and End come together (or neither); {@code member} names the QuietTime. */
    public void requirePaired(String member) {
        if ((start == null) != (end == null)) {
            throw ApiError.badRequest(member + " needs both Start and End, or neither");
        }
    }

    private static void requireTime(String member, String value) {
        if (value != null && !HH_MM.matcher(value).matches()) {
            throw ApiError.badRequest(member + " must be a time in HH:mm format (for example 22:00), got '" + value + "'");
        }
    }
}
