package io.pinpush.campaigns.run;

import io.pinpush.apps.CampaignLimits;
import io.pinpush.apps.QuietTime;
import io.pinpush.campaigns.CampaignResponse;
import io.pinpush.campaigns.MessageConfiguration;
import io.pinpush.customdelivery.CustomDeliveryConfiguration;
import io.pinpush.messaging.CampaignAttribution;
import io.pinpush.messaging.TemplateConfiguration;
import java.time.Instant;

/**
 * One treatment of one run, as the seams see it ({@link RunAdmission}, {@link RunSink}).
 *
 * @param campaign       the campaign version the run sends
 * @param scheduledStart the activity's ScheduledStart (the run's start in the campaign's zone)
 * @param limits         the campaign's Limits, or the app's when the campaign has none
 * @param quietTime      the campaign's QuietTime, or the app's when the campaign has none
 * @param campaignEnd    Schedule.EndTime, or null
 */
public record RunContext(String appId, String campaignId, int campaignVersion, int runNumber, String treatmentId,
                         String activityId, Instant scheduledStart, CampaignResponse campaign, Treatment treatment,
                         CampaignLimits limits, QuietTime quietTime, Instant campaignEnd) {

    /** What a treatment sends: the default treatment's members are the campaign's own. */
    public record Treatment(String id, MessageConfiguration messageConfiguration,
                            TemplateConfiguration templateConfiguration,
                            CustomDeliveryConfiguration customDeliveryConfiguration) {
    }

    /**
     * The deliveries' attribution, with the Limits the dispatcher applies: MessagesPerSecond, and the instant
     * MaximumDuration ends (the run's scheduled start plus MaximumDuration seconds).
     */
    public CampaignAttribution attribution() {
        Integer messagesPerSecond = limits == null ? null : limits.messagesPerSecond();
        String sendBy = limits == null || limits.maximumDuration() == null || scheduledStart == null ? null
                : scheduledStart.plusSeconds(limits.maximumDuration()).toString();
        return new CampaignAttribution(campaignId, treatmentId, activityId, campaignVersion, messagesPerSecond, sendBy);
    }
}
