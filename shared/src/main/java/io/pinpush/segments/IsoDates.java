package io.pinpush.segments;

import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * ISO-8601 dates as attribute values carry them. Pinpoint documents ISO_INSTANT; Pinpush also reads an offset
 * date-time, a date-time without zone (UTC) and a plain date (midnight UTC), since apps store all of these.
 */
final class IsoDates {

    private IsoDates() {
    }

    static Optional<Instant> tryParse(String value) {
        if (value == null) return Optional.empty();
        try {
            return Optional.of(OffsetDateTime.parse(value).toInstant());
        } catch (DateTimeParseException notOffset) {
            try {
                return Optional.of(LocalDateTime.parse(value).toInstant(ZoneOffset.UTC));
            } catch (DateTimeParseException notLocal) {
                try {
                    return Optional.of(LocalDate.parse(value).atStartOfDay(ZoneOffset.UTC).toInstant());
                } catch (DateTimeParseException notDate) {
                    return Optional.empty();
                }
            }
        }
    }

    /** For values already validated. */
    static Instant parse(String value) {
        return tryParse(value).orElseThrow(() -> new IllegalArgumentException("Not an ISO-8601 date: " + value));
    }

    static boolean sameUtcDay(Instant a, Instant b) {
        return a.atOffset(ZoneOffset.UTC).toLocalDate().equals(b.atOffset(ZoneOffset.UTC).toLocalDate());
    }
}
