package io.pinpush.campaigns;

import io.pinpush.api.ApiError;
import java.time.DateTimeException;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Schedule.Timezone values, checked by the API and turned into zones by the campaign runner, so both agree on
 * what a value means. Accepted:
 * <ul>
 *   <li>Pinpoint's own values: {@code UTC}, and offsets {@code UTC+HH} or {@code UTC+HH:MM} ({@code UTC-05},
 *       {@code UTC+05:30}, {@code UTC+05:45}). Pinpoint lists 31 of these; Pinpush takes any offset from -18:00 to
 *       +18:00 written that way.</li>
 *   <li>Pinpush's extension: IANA zone names such as {@code America/New_York}, which follow daylight saving time
 *       where a fixed offset cannot.</li>
 * </ul>
 */
public final class CampaignTimezones {

    /** Case-insensitive: Pinpoint accepts (and returns as written) {@code utc-08}, as its guide's CloudTrail example shows. */
    private static final Pattern UTC_OFFSET = Pattern.compile("UTC([+-])(\\d{2})(?::(\\d{2}))?", Pattern.CASE_INSENSITIVE);

    private CampaignTimezones() {
    }

    /** The zone {@code value} names, or empty when it names none. */
    public static Optional<ZoneId> parse(String value) {
        if (value == null || value.isBlank()) {
            return Optional.empty();
        }
        if (value.equalsIgnoreCase("UTC")) {
            return Optional.of(ZoneOffset.UTC);
        }
        Matcher offset = UTC_OFFSET.matcher(value);
        try {
            if (offset.matches()) {
                int sign = offset.group(1).equals("-") ? -1 : 1;
                int hours = Integer.parseInt(offset.group(2));
                int minutes = offset.group(3) == null ? 0 : Integer.parseInt(offset.group(3));
                if (minutes >= 60) {
                    return Optional.empty();
                }
                return Optional.of(ZoneOffset.ofHoursMinutes(sign * hours, sign * minutes));
            }
            // Region ids only ("Europe/Paris"): ZoneId.of would also take "+05:00" or "GMT+5", which Pinpoint does not.
            if (value.contains("/") && ZoneId.getAvailableZoneIds().contains(value)) {
                return Optional.of(ZoneId.of(value));
            }
        } catch (DateTimeException e) {
            return Optional.empty();
        }
        return Optional.empty();
    }

    /** The zone {@code value} names; a 400 naming {@code member} when it names none. */
    public static ZoneId require(String member, String value) {
        return parse(value).orElseThrow(() -> ApiError.badRequest(member + " must be UTC, a UTC offset such as"
                + " UTC-05 or UTC+05:30, or an IANA time zone such as America/New_York, got '" + value + "'"));
    }
}
