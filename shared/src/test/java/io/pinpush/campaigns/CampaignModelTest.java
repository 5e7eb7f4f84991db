package io.pinpush.campaigns;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import io.pinpush.api.RequestBodies;
import io.pinpush.channels.ChannelType;
import java.time.ZoneId;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The campaign records read and write Pinpoint's member names; time zones are understood as the runner will. */
class CampaignModelTest {

    @Test
    void writeCampaignRequestReadsPinpointMemberNames() {
        WriteCampaignRequest request = RequestBodies.read("""
                {"Name":"n","SegmentId":"s","SegmentVersion":2,"HoldoutPercent":10,"IsPaused":true,"Priority":3,
                 "Schedule":{"StartTime":"IMMEDIATE","Frequency":"ONCE","IsLocalTime":true,"Timezone":"UTC-05",
                             "QuietTime":{"Start":"22:00","End":"07:00"}},
                 "MessageConfiguration":{"APNSMessage":{"Title":"t","Body":"b","JsonBody":"{}","Action":"URL"},
                                         "GCMMessage":{"Body":"g"},"DefaultMessage":{"Body":"d"}},
                 "AdditionalTreatments":[{"SizePercent":40,"TreatmentName":"B"}],
                 "Limits":{"Daily":2},"Hook":{"Mode":"FILTER","WebUrl":"https://example.com/h"},
                 "TemplateConfiguration":{"PushTemplate":{"Name":"tpl"}},"tags":{"team":"growth"}}
                """, WriteCampaignRequest.class);

        assertThat(request.schedule().localTime()).isTrue();
        assertThat(request.schedule().isImmediate()).isTrue();
        assertThat(request.schedule().frequency()).isEqualTo(Frequency.ONCE);
        assertThat(request.schedule().quietTime().start()).isEqualTo("22:00");
        assertThat(request.isPaused()).isTrue();
        assertThat(request.messageConfiguration().apnsMessage().jsonBody()).isEqualTo("{}");
        assertThat(request.additionalTreatments().get(0).sizePercent()).isEqualTo(40);
        assertThat(request.tags()).containsEntry("team", "growth");
        assertThat(request.templateConfiguration().pushTemplate().name()).isEqualTo("tpl");
        String json = Json.write(request);
        assertThat(json).contains("\"IsLocalTime\":true", "\"IsPaused\":true", "\"APNSMessage\"", "\"GCMMessage\"",
                "\"tags\"");
    }

    @Test
    void unknownFrequencyIsABadRequestNamingTheValues() {
        assertThatThrownBy(() -> RequestBodies.read("{\"Schedule\":{\"StartTime\":\"IMMEDIATE\",\"Frequency\":\"YEARLY\"}}",
                WriteCampaignRequest.class))
                .isInstanceOf(ApiError.class).hasMessageContaining("YEARLY").hasMessageContaining("MONTHLY");
    }

    @Test
    void emailMessageIsRefused() {
        assertThatThrownBy(() -> RequestBodies.read("{\"MessageConfiguration\":{\"EmailMessage\":{\"Body\":\"x\"}}}",
                WriteCampaignRequest.class))
                .isInstanceOf(ApiError.class).hasMessageContaining("EmailMessage");
    }

    @Test
    void channelMessageFallsBackToTheDefaultMessage() {
        CampaignMessage apns = message("apns");
        CampaignMessage fallback = message("default");
        MessageConfiguration config = new MessageConfiguration(null, apns, null, null, fallback, null, null, null, null);

        assertThat(config.forChannel(ChannelType.APNS_SANDBOX)).isSameAs(apns);
        assertThat(config.forChannel(ChannelType.GCM)).isSameAs(fallback);
        assertThat(config.hasPushMessage()).isTrue();
    }

    @Test
    void timezonesInPinpointsFormAndIanaNamesAreUnderstood() {
        assertThat(CampaignTimezones.parse("UTC")).contains(ZoneOffset.UTC);
        assertThat(CampaignTimezones.parse("UTC-05")).contains(ZoneOffset.ofHours(-5));
        assertThat(CampaignTimezones.parse("UTC+05:30")).contains(ZoneOffset.ofHoursMinutes(5, 30));
        assertThat(CampaignTimezones.parse("UTC+05:45")).contains(ZoneOffset.ofHoursMinutes(5, 45));
        assertThat(CampaignTimezones.parse("America/New_York")).contains(ZoneId.of("America/New_York"));
        // As Pinpoint's guide shows CreateCampaign taking them: "utc-08".
        assertThat(CampaignTimezones.parse("utc-08")).contains(ZoneOffset.ofHours(-8));
        assertThat(CampaignTimezones.parse("utc")).contains(ZoneOffset.UTC);
    }

    @Test
    void sessionLimitHasNoMaximumButTheDailyAndTotalOnesDo() {
        assertThat(new io.pinpush.apps.CampaignLimits(null, null, null, null, 500).session()).isEqualTo(500);
        assertThatThrownBy(() -> new io.pinpush.apps.CampaignLimits(101, null, null, null, null))
                .isInstanceOf(ApiError.class).hasMessageContaining("between 0 and 100");
        assertThatThrownBy(() -> new io.pinpush.apps.CampaignLimits(null, null, null, null, -1))
                .isInstanceOf(ApiError.class).hasMessageContaining("Session must be 0 or more");
    }

    @Test
    void malformedTimezonesAreRefused() {
        for (String bad : new String[] {"UTC-5", "UTC+05:60", "UTC+19", "EST", "+05:00", "GMT+5", "Mars/Olympus",
                "utc-5", ""}) {
            assertThat(CampaignTimezones.parse(bad)).as(bad).isEmpty();
        }
        assertThatThrownBy(() -> CampaignTimezones.require("Schedule.Timezone", "Mars/Olympus"))
                .isInstanceOf(ApiError.class).hasMessageContaining("Schedule.Timezone").hasMessageContaining("UTC-05");
    }

    @Test
    void activityIdsAreHexAndSortByCreation() {
        String earlier = ActivityIds.newId(java.time.Instant.parse("2026-12-01T10:00:00Z"));
        String later = ActivityIds.newId(java.time.Instant.parse("2026-12-01T10:00:00.001Z"));

        assertThat(earlier).matches("[0-9a-f]{32}");
        assertThat(earlier.compareTo(later)).isNegative();
    }

    private static CampaignMessage message(String body) {
        return new CampaignMessage(null, body, null, null, null, null, null, null, null, null, null, null);
    }
}
