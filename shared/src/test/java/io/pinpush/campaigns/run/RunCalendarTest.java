package io.pinpush.campaigns.run;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.time.LocalDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class RunCalendarTest {

    private static final ZoneId NEW_YORK = ZoneId.of("America/New_York");

    @Test
    void aOneTimeCampaignHasOneRun() {
        RunCalendar once = RunCalendar.of(Instant.parse("2026-12-05T14:00:00Z"), null, ZoneOffset.UTC,
                RunCalendar.Period.ONCE, false);
        assertThat(once.run(0)).contains(LocalDateTime.parse("2026-12-05T14:00"));
        assertThat(once.run(1)).isEmpty();
    }

    @Test
    void dailyRunsKeepTheirWallClockTimeAcrossADaylightSavingChangeAndStopBeforeEndTime() {
        // 09:00 in New York on 2027-03-13; clocks go forward on 2027-03-14.
        RunCalendar daily = RunCalendar.of(Instant.parse("2027-03-13T14:00:00Z"), Instant.parse("2027-03-16T13:00:00Z"),
                NEW_YORK, RunCalendar.Period.DAILY, false);
        assertThat(daily.startFor(daily.run(0).orElseThrow(), null)).isEqualTo(Instant.parse("2027-03-13T14:00:00Z"));
        assertThat(daily.startFor(daily.run(1).orElseThrow(), null)).isEqualTo(Instant.parse("2027-03-14T13:00:00Z"));
        assertThat(daily.run(2)).isPresent();
        assertThat(daily.run(3)).as("2027-03-16 09:00 is after EndTime (09:00 EDT = 13:00Z is the end)").isEmpty();
    }

    @Test
    void aNewSchedulePicksUpWithItsFirstRunAfterTheLastOneThatStarted() {
        RunCalendar daily = RunCalendar.of(Instant.parse("2026-12-01T15:00:00Z"), Instant.parse("2026-12-08T00:00:00Z"),
                ZoneOffset.UTC, RunCalendar.Period.DAILY, false);
        assertThat(daily.firstAfter(Instant.parse("2026-11-20T09:00:00Z"))).as("before the calendar: its run 0").isZero();
        assertThat(daily.firstAfter(Instant.parse("2026-12-04T09:00:00Z"))).as("that day's 15:00").isEqualTo(3);
        assertThat(daily.firstAfter(Instant.parse("2026-12-04T15:00:00Z"))).as("strictly after").isEqualTo(4);
        int past = daily.firstAfter(Instant.parse("2026-12-07T16:00:00Z"));
        assertThat(daily.run(past)).as("nothing left before EndTime").isEmpty();

        // HOURLY in New York as the clocks go forward: 02:00 does not exist and lands on 03:00, the same instant as
        // the 03:00 run. A run is never picked up twice at one instant.
        RunCalendar hourly = RunCalendar.of(Instant.parse("2027-03-14T05:00:00Z"), null, NEW_YORK,
                RunCalendar.Period.HOURLY, false);
        Instant threeOClock = hourly.earliestStart(hourly.run(2).orElseThrow());
        assertThat(hourly.earliestStart(hourly.run(3).orElseThrow())).isEqualTo(threeOClock);
        assertThat(hourly.firstAfter(threeOClock)).isEqualTo(4);
    }

    @Test
    void monthlyRunsCountFromTheFirstRun() {
        RunCalendar monthly = RunCalendar.of(Instant.parse("2027-01-31T10:00:00Z"), null, ZoneOffset.UTC,
                RunCalendar.Period.MONTHLY, false);
        assertThat(monthly.run(1)).contains(LocalDateTime.parse("2027-02-28T10:00"));
        assertThat(monthly.run(2)).contains(LocalDateTime.parse("2027-03-31T10:00"));
    }

    @Test
    void withLocalTimeEachZoneGetsTheRunAtTheSameWallClockTime() {
        RunCalendar local = RunCalendar.of(Instant.parse("2026-12-05T14:00:00Z"), null, NEW_YORK,
                RunCalendar.Period.ONCE, true); // 09:00 in New York
        LocalDateTime nine = local.run(0).orElseThrow();
        assertThat(nine).isEqualTo(LocalDateTime.parse("2026-12-05T09:00"));
        assertThat(local.startFor(nine, ZoneId.of("Asia/Tokyo"))).isEqualTo(Instant.parse("2026-12-05T00:00:00Z"));
        assertThat(local.startFor(nine, ZoneId.of("Europe/Berlin"))).isEqualTo(Instant.parse("2026-12-05T08:00:00Z"));
        assertThat(local.startFor(nine, null)).as("no zone: the campaign's").isEqualTo(Instant.parse("2026-12-05T14:00:00Z"));
        assertThat(local.earliestStart(nine)).isEqualTo(Instant.parse("2026-12-04T19:00:00Z"));
    }

    @Test
    void aResumedCampaignContinuesWithTheLatestRunThatIsDue() {
        RunCalendar hourly = RunCalendar.of(Instant.parse("2026-12-05T10:00:00Z"), null, ZoneOffset.UTC,
                RunCalendar.Period.HOURLY, false);
        assertThat(hourly.latestStartedFrom(1, Instant.parse("2026-12-05T13:30:00Z"))).isEqualTo(3);
        assertThat(hourly.latestStartedFrom(5, Instant.parse("2026-12-05T13:30:00Z"))).as("not due yet").isEqualTo(5);
    }
}
