package io.pinpush.campaigns;

import io.pinpush.apps.QuietTime;
import io.pinpush.triggers.CampaignEventFilter;

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

    public boolean isImmediate() {
        return IMMEDIATE.equals(startTime);
    }

    public boolean localTime() {
        return Boolean.TRUE.equals(isLocalTime);
    }
}
