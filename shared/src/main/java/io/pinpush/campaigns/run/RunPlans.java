package io.pinpush.campaigns.run;

import io.pinpush.apps.ApplicationSettings;
import io.pinpush.apps.CampaignLimits;
import io.pinpush.apps.QuietTime;
import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.campaigns.CampaignTimezones;
import io.pinpush.campaigns.Frequency;
import io.pinpush.campaigns.Schedule;
import io.pinpush.campaigns.TreatmentResource;
import io.pinpush.endpoints.EndpointResponse;
import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** What a campaign version means for its runs: its calendar, treatments and split, and the settings in force. */
final class RunPlans {

    private RunPlans() {
    }

    /** The run calendar of a scheduled campaign; empty for EVENT campaigns (the trigger path) and without a Schedule. */
    static Optional<RunCalendar> calendar(CampaignResponse campaign) {
        Schedule schedule = campaign.schedule();
        if (schedule == null || schedule.startTime() == null) {
            return Optional.empty();
        }
        Frequency frequency = schedule.frequency() == null ? Frequency.ONCE : schedule.frequency();
        if (frequency == Frequency.EVENT || frequency == Frequency.IN_APP_EVENT) {
            return Optional.empty();
        }
        ZoneId zone = CampaignTimezones.parse(schedule.timezone()).orElse(ZoneOffset.UTC);
        // IMMEDIATE: the moment the campaign was created, so every reader of the version agrees on run 0.
        Instant start = schedule.isImmediate() ? Instant.parse(campaign.creationDate()) : instant(schedule.startTime(), zone);
        Instant end = schedule.endTime() == null ? null : instant(schedule.endTime(), zone);
        return Optional.of(RunCalendar.of(start, end, zone, RunCalendar.Period.valueOf(frequency.name()),
                schedule.localTime()));
    }

    static Instant end(CampaignResponse campaign) {
        Schedule schedule = campaign.schedule();
        return schedule == null || schedule.endTime() == null ? null
                : instant(schedule.endTime(), CampaignTimezones.parse(schedule.timezone()).orElse(ZoneOffset.UTC));
    }

    /** ISO-8601 with Z or an offset; a date-time without either is read in the campaign's zone. */
    static Instant instant(String value, ZoneId zone) {
        try {
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeException noOffset) {
            return LocalDateTime.parse(value).atZone(zone).toInstant();
        }
    }

    /** The zone an endpoint's local time is read in: its Demographic.Timezone when valid, else none. */
    static ZoneId zoneOf(EndpointResponse endpoint) {
        String timezone = endpoint.demographic() == null ? null : endpoint.demographic().timezone();
        if (timezone == null || timezone.isBlank()) {
            return null;
        }
        try {
            return ZoneId.of(timezone);
        } catch (DateTimeException invalid) {
            return CampaignTimezones.parse(timezone).orElse(null);
        }
    }

    /** Every treatment of the version, the default one ("0") first. */
    static List<RunContext.Treatment> treatments(CampaignResponse campaign) {
        List<RunContext.Treatment> treatments = new ArrayList<>();
        treatments.add(new RunContext.Treatment(CampaignResponse.DEFAULT_TREATMENT_ID, campaign.messageConfiguration(),
                campaign.templateConfiguration(), campaign.customDeliveryConfiguration()));
        if (campaign.additionalTreatments() != null) {
            for (TreatmentResource t : campaign.additionalTreatments()) {
                treatments.add(new RunContext.Treatment(t.id(), t.messageConfiguration(), t.templateConfiguration(),
                        t.customDeliveryConfiguration()));
            }
        }
        return treatments;
    }

    static AudienceSplit split(CampaignResponse campaign) {
        List<AudienceSplit.Share> shares = new ArrayList<>();
        if (campaign.additionalTreatments() != null) {
            campaign.additionalTreatments().forEach(t -> shares.add(new AudienceSplit.Share(t.id(),
                    t.sizePercent() == null ? 0 : t.sizePercent())));
        }
        return new AudienceSplit(campaign.id(), campaign.holdoutPercent(), shares, CampaignResponse.DEFAULT_TREATMENT_ID);
    }

    /** The campaign's QuietTime when it sets one, else the app's (application settings). */
    static QuietTime quietTime(CampaignResponse campaign, ApplicationSettings app) {
        QuietTime own = campaign.schedule() == null ? null : campaign.schedule().quietTime();
        if (own != null && own.start() != null && own.end() != null) {
            return own;
        }
        return app == null ? null : app.quietTime();
    }

    /** The campaign's Limits, each member falling back to the app's. */
    static CampaignLimits limits(CampaignResponse campaign, ApplicationSettings app) {
        CampaignLimits own = campaign.limits();
        CampaignLimits fallback = app == null ? null : app.limits();
        if (own == null) {
            return fallback;
        }
        if (fallback == null) {
            return own;
        }
        return new CampaignLimits(first(own.daily(), fallback.daily()), first(own.maximumDuration(), fallback.maximumDuration()),
                first(own.messagesPerSecond(), fallback.messagesPerSecond()), first(own.total(), fallback.total()),
                first(own.session(), fallback.session()));
    }

    private static Integer first(Integer a, Integer b) {
        return a != null ? a : b;
    }

    /**
     * The context for each treatment of one slice of the run, keyed by treatment id. Its scheduled start is the
     * slice's: with IsLocalTime each time zone's own start, so MaximumDuration counts from when that zone's messages
     * were due (from the campaign zone's start it dropped every zone sent hours later).
     */
    static Map<String, RunContext> contexts(RunRecord run, CampaignResponse version, Instant scheduledStart,
                                            ApplicationSettings app) {
        Map<String, RunContext> contexts = new LinkedHashMap<>();
        CampaignLimits limits = limits(version, app);
        QuietTime quiet = quietTime(version, app);
        for (RunContext.Treatment treatment : treatments(version)) {
            contexts.put(treatment.id(), new RunContext(run.appId(), run.campaignId(), run.version(), run.runNumber(),
                    treatment.id(), run.activities().get(treatment.id()), scheduledStart, version, treatment, limits,
                    quiet, end(version)));
        }
        return contexts;
    }
}
