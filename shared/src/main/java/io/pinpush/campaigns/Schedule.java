package io.pinpush.campaigns;

import com.fasterxml.jackson.annotation.JsonIgnore;
import io.pinpush.apps.QuietTime;
import io.pinpush.triggers.CampaignEventFilter;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * Pinpoint's Schedule: when a campaign (or treatment) runs. Times are ISO-8601 strings, as on the wire; the API
 * checks them when a campaign is written and the runner parses them.
 *
 * @param timezone    {@code UTC}, {@code UTC+05:30}-style offsets or an IANA zone; see {@link CampaignTimezones}
 * @param isLocalTime send at StartTime in each endpoint's own time zone rather than at one instant
 * @param eventFilter the events that send an EVENT campaign
 */
public record Schedule(String endTime, CampaignEventFilter eventFilter, Frequency frequency, Boolean isLocalTime,
                       QuietTime quietTime, String startTime, String timezone) {

    /** Pinpoint's StartTime for "now": the campaign runs as soon as it is created. */
    public static final String IMMEDIATE = "IMMEDIATE";

    @JsonIgnore // a helper, not a member: Jackson would write it as "Immediate"
    public boolean isImmediate() {
        return IMMEDIATE.equals(startTime);
    }

    public boolean localTime() {
        return Boolean.TRUE.equals(isLocalTime);
    }

    /** ONCE when Frequency was left out, as Pinpoint treats it. */
    public Frequency frequencyOrOnce() {
        return frequency == null ? Frequency.ONCE : frequency;
    }

    /** StartTime as an instant; {@code now} for IMMEDIATE. For a schedule the API accepted. */
    public Instant startAt(Instant now) {
        return isImmediate() ? now : parseTime(startTime).orElseThrow();
    }

    /** EndTime as an instant, or empty when there is none. For a schedule the API accepted. */
    public Optional<Instant> endAt() {
        return endTime == null ? Optional.empty() : Optional.of(parseTime(endTime).orElseThrow());
    }

    /**
     * An ISO-8601 date-time with an offset ({@code 2026-12-05T10:00:00Z}, {@code 2026-12-05T10:00:00-05:00}), or
     * empty when {@code value} is not one. A time without an offset is refused: it would not name one instant.
     */
    public static Optional<Instant> parseTime(String value) {
        if (value == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException e) {
            return Optional.empty();
        }
    }
}
