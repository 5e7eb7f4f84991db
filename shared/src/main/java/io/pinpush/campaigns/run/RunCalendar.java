package io.pinpush.campaigns.run;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.Optional;

/**
 * When each run of a scheduled campaign happens. Runs are counted from 0; run {@code n} is the first run's local
 * date-time (StartTime read in the campaign's Timezone) plus n periods of the Frequency, each computed from the
 * first (so MONTHLY from Jan 31 gives Feb 28, then Mar 31). A run exists while it starts before EndTime.
 *
 * <p>With IsLocalTime each endpoint gets run n at that same wall-clock time in its own zone, so a run spans from
 * the zone furthest east (UTC+14) to the furthest west; without it, everyone gets it at one instant.
 *
 * @param firstLocal the first run, as a wall-clock time in {@code zone}
 * @param zone       the campaign's zone (Schedule.Timezone, UTC when absent); endpoints without a zone use it
 * @param period     ONCE, HOURLY, DAILY, WEEKLY or MONTHLY
 * @param endLocal   EndTime as a wall-clock time in {@code zone}, or null for no end
 */
public record RunCalendar(LocalDateTime firstLocal, ZoneId zone, Period period, LocalDateTime endLocal,
                          boolean localTime) {

    /** What tells this calendar from another (a changed Schedule): every component, as text. */
    public String key() {
        return firstLocal + "|" + zone.getId() + "|" + period + "|" + endLocal + "|" + localTime;
    }

    /** The furthest-east offset in use: a local-time run starts for someone this much before it does in UTC. */
    static final ZoneOffset EARLIEST_OFFSET = ZoneOffset.ofHours(14);

    /** How often a campaign runs (Schedule.Frequency without EVENT, which the trigger path serves). */
    public enum Period {
        ONCE, HOURLY, DAILY, WEEKLY, MONTHLY;

        LocalDateTime after(LocalDateTime first, int runs) {
            return switch (this) {
                case ONCE -> first;
                case HOURLY -> first.plusHours(runs);
                case DAILY -> first.plusDays(runs);
                case WEEKLY -> first.plusWeeks(runs);
                case MONTHLY -> first.plusMonths(runs);
            };
        }
    }

    /**
     * @param start     StartTime as an instant (IMMEDIATE already resolved to the moment the campaign was saved)
     * @param end       EndTime, or null
     */
    public static RunCalendar of(Instant start, Instant end, ZoneId zone, Period period, boolean localTime) {
        return new RunCalendar(LocalDateTime.ofInstant(start, zone), zone, period,
                end == null ? null : LocalDateTime.ofInstant(end, zone), localTime);
    }

    /** Run {@code n}'s wall-clock start, or empty when there is no such run (past EndTime, or n > 0 for ONCE). */
    public Optional<LocalDateTime> run(int n) {
        if (n < 0 || (period == Period.ONCE && n > 0)) {
            return Optional.empty();
        }
        LocalDateTime local = period.after(firstLocal, n);
        if (endLocal != null && n > 0 && !local.isBefore(endLocal)) {
            return Optional.empty();
        }
        return Optional.of(local);
    }

    /** When run {@code n} starts for an endpoint in {@code endpointZone} (the campaign's zone when null or not local time). */
    public Instant startFor(LocalDateTime runLocal, ZoneId endpointZone) {
        ZoneId in = localTime && endpointZone != null ? endpointZone : zone;
        return runLocal.atZone(in).toInstant();
    }

    /** The first moment run {@code n} is due for anyone: when the tick must pick it up. */
    public Instant earliestStart(LocalDateTime runLocal) {
        return localTime ? runLocal.atOffset(EARLIEST_OFFSET).toInstant() : runLocal.atZone(zone).toInstant();
    }

    /**
     * The first run that starts (for anyone) after {@code previous}: the run after the one that started then, and
     * where a campaign given a new schedule picks up after its last run under the old one. Two runs that fall on one
     * instant (HOURLY into a daylight-saving gap) are one. Past EndTime, a number that {@link #run} has no run for.
     */
    public int firstAfter(Instant previous) {
        // Runs start in order, so the runs at or before previous are a prefix: gallop past it, then bisect.
        if (!startedBy(0, previous)) {
            return 0;
        }
        int started = 0;
        int notStarted = 1;
        while (startedBy(notStarted, previous)) { // ends: previous is a real moment, the runs go on past it
            if (notStarted > Integer.MAX_VALUE / 2) {
                return Integer.MAX_VALUE; // a moment billions of runs on: no run of ours
            }
            started = notStarted;
            notStarted *= 2;
        }
        while (notStarted - started > 1) {
            int middle = started + (notStarted - started) / 2;
            if (startedBy(middle, previous)) {
                started = middle;
            } else {
                notStarted = middle;
            }
        }
        return notStarted;
    }

    private boolean startedBy(int n, Instant moment) {
        Optional<LocalDateTime> run = run(n);
        return run.isPresent() && !earliestStart(run.get()).isAfter(moment);
    }

    /** The latest run at or after {@code from} that has started (for anyone) by {@code now}, else {@code from}. */
    public int latestStartedFrom(int from, Instant now) {
        return Math.max(from, firstAfter(now) - 1);
    }
}
