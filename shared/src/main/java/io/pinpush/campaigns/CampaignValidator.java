package io.pinpush.campaigns;

import io.pinpush.api.ApiError;
import io.pinpush.apps.CampaignHook;
import io.pinpush.channels.Channel;
import io.pinpush.channels.ChannelService;
import io.pinpush.channels.ChannelType;
import io.pinpush.customdelivery.CustomDeliveryConfiguration;
import io.pinpush.messaging.PushOnly;
import io.pinpush.messaging.Template;
import io.pinpush.messaging.TemplateConfiguration;
import io.pinpush.segments.SegmentResponse;
import io.pinpush.segments.SegmentService;
import io.pinpush.templates.PushTemplates;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Checks a campaign about to be written, as a whole (the request merged over the stored campaign for an update),
 * against itself and against the app: its segment, its channels, its templates. Every failure is a 400 that names
 * the member, and is raised before anything is written.
 */
final class CampaignValidator {

    private final SegmentService segments;
    private final ChannelService channels;
    private final PushTemplates templates;
    private final Clock clock;

    CampaignValidator(SegmentService segments, ChannelService channels, PushTemplates templates, Clock clock) {
        this.segments = segments;
        this.channels = channels;
        this.templates = templates;
        this.clock = clock;
    }

    /**
     * Checks {@code campaign} and returns the segment version it targets (SegmentVersion, or the segment's latest).
     *
     * @param newSchedule   whether the request wrote Schedule: only a schedule being written must start in the
     *                      future; a stored one may have started long ago
     * @param newTreatments whether the request wrote AdditionalTreatments (and so their schedules)
     */
    int check(String appId, WriteCampaignRequest campaign, boolean newSchedule, boolean newTreatments) {
        int segmentVersion = requireSegment(appId, campaign.segmentId(), campaign.segmentVersion());
        if (campaign.schedule() == null) {
            throw ApiError.badRequest("Schedule is required (with at least StartTime: IMMEDIATE or an ISO-8601 time)");
        }
        checkSchedule("Schedule", campaign.schedule(), newSchedule);
        requirePercent("HoldoutPercent", campaign.holdoutPercent());
        checkHook(campaign.hook());
        Set<ChannelType> enabled = enabledChannels(appId);
        checkContent("", campaign.messageConfiguration(), campaign.templateConfiguration(),
                campaign.customDeliveryConfiguration(), enabled);
        List<WriteTreatmentResource> treatments = campaign.additionalTreatments() == null ? List.of()
                : campaign.additionalTreatments();
        int allocated = campaign.holdoutPercent() == null ? 0 : campaign.holdoutPercent();
        for (int i = 0; i < treatments.size(); i++) {
            String member = "AdditionalTreatments[" + i + "]";
            WriteTreatmentResource treatment = treatments.get(i);
            if (treatment == null) {
                throw ApiError.badRequest(member + " must not be null");
            }
            if (treatment.sizePercent() == null) {
                throw ApiError.badRequest(member + ".SizePercent is required");
            }
            requirePercent(member + ".SizePercent", treatment.sizePercent());
            allocated += treatment.sizePercent();
            if (treatment.schedule() != null) {
                checkSchedule(member + ".Schedule", treatment.schedule(), newTreatments);
            }
            checkContent(member + ".", treatment.messageConfiguration(), treatment.templateConfiguration(),
                    treatment.customDeliveryConfiguration(), enabled);
        }
        if (allocated > 100) {
            throw ApiError.badRequest("AdditionalTreatments' SizePercent values and HoldoutPercent add up to "
                    + allocated + "; they must add up to 100 or less (the default treatment gets the rest)");
        }
        return segmentVersion;
    }

    private int requireSegment(String appId, String segmentId, Integer version) {
        if (segmentId == null || segmentId.isBlank()) {
            throw ApiError.badRequest("SegmentId is required");
        }
        if (version != null && version < 1) {
            throw ApiError.badRequest("SegmentVersion must be 1 or more, got " + version);
        }
        SegmentResponse segment;
        try {
            segment = segments.require(appId, segmentId, version);
        } catch (ApiError e) {
            if (e.type() != ApiError.Type.NOT_FOUND) throw e;
            throw ApiError.badRequest(version == null
                    ? "SegmentId " + segmentId + " names no segment of application " + appId
                    : "SegmentVersion " + version + " of segment " + segmentId + " does not exist");
        }
        return segment.version();
    }

    private void checkSchedule(String member, Schedule schedule, boolean newSchedule) {
        if (schedule.startTime() == null || schedule.startTime().isBlank()) {
            throw ApiError.badRequest(member + ".StartTime is required: IMMEDIATE or an ISO-8601 time");
        }
        Instant now = clock.instant();
        Instant start = schedule.isImmediate() ? now : Schedule.parseTime(schedule.startTime()).orElseThrow(() ->
                ApiError.badRequest(member + ".StartTime must be IMMEDIATE or an ISO-8601 time with an offset"
                        + " (for example 2026-12-05T10:00:00Z), got '" + schedule.startTime() + "'"));
        if (newSchedule && !schedule.isImmediate() && start.isBefore(now)) {
            throw ApiError.badRequest(member + ".StartTime " + schedule.startTime()
                    + " is in the past; use a future time or IMMEDIATE");
        }
        if (schedule.endTime() != null) {
            Instant end = Schedule.parseTime(schedule.endTime()).orElseThrow(() -> ApiError.badRequest(member
                    + ".EndTime must be an ISO-8601 time with an offset, got '" + schedule.endTime() + "'"));
            if (!end.isAfter(start)) {
                throw ApiError.badRequest(member + ".EndTime " + schedule.endTime() + " must be after StartTime "
                        + schedule.startTime());
            }
        }
        if (schedule.timezone() != null) {
            CampaignTimezones.require(member + ".Timezone", schedule.timezone());
        }
        Frequency frequency = schedule.frequencyOrOnce();
        if (frequency == Frequency.IN_APP_EVENT) {
            throw ApiError.badRequest(member + ".Frequency IN_APP_EVENT is not supported: Pinpush delivers push"
                    + " notifications, not in-app messages");
        }
        if (frequency == Frequency.EVENT && schedule.eventFilter() == null) {
            throw ApiError.badRequest(member + ".EventFilter is required when Frequency is EVENT");
        }
        if (frequency != Frequency.EVENT && schedule.eventFilter() != null) {
            throw ApiError.badRequest(member + ".EventFilter applies only when Frequency is EVENT, not " + frequency);
        }
        if (schedule.quietTime() != null) {
            schedule.quietTime().requirePaired(member + ".QuietTime");
        }
    }

    private static void requirePercent(String member, Integer percent) {
        if (percent != null && (percent < 0 || percent > 100)) {
            throw ApiError.badRequest(member + " must be between 0 and 100, got " + percent);
        }
    }

    private static void checkHook(CampaignHook hook) {
        if (hook != null) {
            hook.requireUsable("Hook");
        }
    }

    /**
     * A campaign (or treatment) must have content that reaches at least one push channel the app has enabled, or
     * a custom channel. Templates must exist and be push templates.
     */
    private void checkContent(String prefix, MessageConfiguration message, TemplateConfiguration template,
                              CustomDeliveryConfiguration custom, Set<ChannelType> enabled) {
        Template push = template == null ? null : template.pushTemplate();
        if (template != null) {
            PushOnly.refuse(template.emailTemplate(), prefix + "TemplateConfiguration.EmailTemplate");
            PushOnly.refuse(template.smsTemplate(), prefix + "TemplateConfiguration.SMSTemplate");
            PushOnly.refuse(template.voiceTemplate(), prefix + "TemplateConfiguration.VoiceTemplate");
            PushOnly.refuse(template.inAppTemplate(), prefix + "TemplateConfiguration.InAppTemplate");
        }
        if (push != null) {
            requireTemplate(prefix, push);
        }
        if (custom != null) {
            return;
        }
        boolean hasPush = push != null || (message != null && message.hasPushMessage());
        if (!hasPush) {
            throw ApiError.badRequest(prefix + "MessageConfiguration (APNSMessage, GCMMessage, ADMMessage,"
                    + " BaiduMessage or DefaultMessage) or " + prefix + "TemplateConfiguration.PushTemplate is"
                    + " required, unless " + prefix + "CustomDeliveryConfiguration sends through a custom channel");
        }
        boolean reachesOne = enabled.stream().anyMatch(type -> push != null || message.forChannel(type) != null);
        if (!reachesOne) {
            throw ApiError.badRequest(prefix + "MessageConfiguration reaches no channel the application has enabled"
                    + " (enabled: " + (enabled.isEmpty() ? "none" : enabled.stream().map(Enum::name)
                    .collect(Collectors.joining(", "))) + "); enable a channel or add its message");
        }
    }

    private void requireTemplate(String prefix, Template push) {
        if (push.name() == null || push.name().isBlank()) {
            throw ApiError.badRequest(prefix + "TemplateConfiguration.PushTemplate.Name is required");
        }
        try {
            templates.require(push.name(), push.version());
        } catch (ApiError e) {
            if (e.type() != ApiError.Type.NOT_FOUND) throw e;
            throw ApiError.badRequest(prefix + "TemplateConfiguration.PushTemplate names no push template: "
                    + e.getMessage());
        }
    }

    private Set<ChannelType> enabledChannels(String appId) {
        return channels.list(appId).stream().filter(Channel::enabled).map(Channel::type)
                .filter(Objects::nonNull).collect(Collectors.toCollection(TreeSet::new));
    }
}
