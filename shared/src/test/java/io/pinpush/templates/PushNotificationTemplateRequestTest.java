package io.pinpush.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.api.ApiError;
import org.junit.jupiter.api.Test;

class PushNotificationTemplateRequestTest {

    @Test
    void partsMayUsePinpointsFullQuotaPerChannel() {
        String fcmMax = "x".repeat(4_000);
        String defaultMax = "🔥".repeat(2_000);

        PushNotificationTemplateRequest request = new PushNotificationTemplateRequest(null, null, null,
                new DefaultPushNotificationTemplate(null, defaultMax, null, null, null), null, android(fcmMax), null, null, null);

        assertThat(request.gcm().body()).hasSize(4_000);
    }

    @Test
    void oversizePartIsABadRequestNamingSectionAndLimit() {
        assertThatThrownBy(() -> new PushNotificationTemplateRequest(null, null, null, null, null, android("x".repeat(4_001)),
                null, null, null))
                .isInstanceOfSatisfying(ApiError.class, e -> assertThat(e.type()).isEqualTo(ApiError.Type.BAD_REQUEST))
                .hasMessageContaining("GCM.Body is 4001 characters").hasMessageContaining("at most 4000");
        assertThatThrownBy(() -> new PushNotificationTemplateRequest(null,
                new APNSPushNotificationTemplate(null, null, null, null, null, "t".repeat(2_001), null), null, null, null, null,
                null, null, null))
                .isInstanceOf(ApiError.class).hasMessageContaining("APNS.Title").hasMessageContaining("at most 2000");
    }

    @Test
    void defaultSubstitutionsMustBeAJsonObject() {
        assertThatThrownBy(() -> request("not json")).isInstanceOf(ApiError.class).hasMessageContaining("not valid JSON");
        assertThatThrownBy(() -> request("[\"a\"]")).isInstanceOf(ApiError.class).hasMessageContaining("must be a JSON object");
        assertThat(request("{\"User.UserAttributes.FirstName\": \"there\", \"Count\": 3}").defaultSubstitutions()).contains("there");
    }

    @Test
    void variablePathsSplitOnDotsAndKeepBracketedNames() {
        assertThat(MessageVariables.path("User.UserAttributes.[Last Name]")).containsExactly("User", "UserAttributes", "Last Name");
        assertThat(MessageVariables.path("Coupon")).containsExactly("Coupon");
    }

    @Test
    void unquotedTimeZonesAreQuotedOnlyInsideTags() {
        assertThat(TemplateEngine.quoteTimeZones("tz=Europe/Paris {{now tz=America/Los_Angeles}} {{now tz=\"Asia/Tokyo\"}}"))
                .isEqualTo("tz=Europe/Paris {{now tz=\"America/Los_Angeles\"}} {{now tz=\"Asia/Tokyo\"}}");
    }

    private static PushNotificationTemplateRequest request(String defaultSubstitutions) {
        return new PushNotificationTemplateRequest(null, null, null, null, defaultSubstitutions, android("b"), null, null, null);
    }

    private static AndroidPushNotificationTemplate android(String body) {
        return new AndroidPushNotificationTemplate(null, body, null, null, null, null, null, null, null);
    }
}
