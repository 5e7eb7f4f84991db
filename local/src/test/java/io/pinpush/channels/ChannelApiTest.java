package io.pinpush.channels;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.channels.ChannelCalls.View;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ChannelResponse;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

/** Update/Get/Delete of every push channel and GetChannels, through the AWS SDK's PinpointClient. */
@ExtendWith(PinpushExtension.class)
class ChannelApiTest {

    @ParameterizedTest
    @EnumSource(names = {"APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX", "GCM", "BAIDU", "ADM"})
    void channelRoundTripsThroughUpdateGetListAndDelete(ChannelType type, PinpointClient pinpoint) {
        String appId = newApp(pinpoint);

        View created = ChannelCalls.update(pinpoint, appId, type, ValidCredentials.forChannel(type).members());

        assertThat(created.applicationId()).isEqualTo(appId);
        assertThat(created.platform()).isEqualTo(type.name());
        assertThat(created.id()).isEqualTo(type.name().toLowerCase());
        assertThat(created.enabled()).isTrue();
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.hasCredential()).isTrue();
        assertThat(created.isArchived()).isFalse();
        assertThat(created.lastModifiedBy()).isNotBlank();
        assertThat(created.creationDate()).matches("\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z")
                .isEqualTo(created.lastModifiedDate());
        assertThat(created.credential()).as("Credential is never returned").isNull();
        assertThat(ChannelCalls.get(pinpoint, appId, type)).isEqualTo(created);

        ChannelResponse listed = pinpoint.getChannels(b -> b.applicationId(appId)).channelsResponse().channels()
                .get(type.name());
        assertThat(listed.version()).isEqualTo(1);
        assertThat(listed.enabled()).isTrue();
        assertThat(listed.id()).isEqualTo(created.id());
        assertThat(listed.applicationId()).isEqualTo(appId);

        View deleted = ChannelCalls.delete(pinpoint, appId, type);

        assertThat(deleted).isEqualTo(created);
        assertThatThrownBy(() -> ChannelCalls.get(pinpoint, appId, type)).isInstanceOf(NotFoundException.class)
                .hasMessageContaining(type.name()).hasMessageContaining("not configured");
        assertThat(pinpoint.getChannels(b -> b.applicationId(appId)).channelsResponse().channels()).isEmpty();
        assertThatThrownBy(() -> ChannelCalls.delete(pinpoint, appId, type)).isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @EnumSource(names = {"APNS", "APNS_SANDBOX", "APNS_VOIP", "APNS_VOIP_SANDBOX", "GCM", "BAIDU", "ADM"})
    void disablingAndEnablingKeepsCredentialsAndIncrementsVersion(ChannelType type, PinpointClient pinpoint,
                                                                  LocalServer server) {
        String appId = newApp(pinpoint);
        View created = ChannelCalls.update(pinpoint, appId, type, ValidCredentials.forChannel(type).members());
        ChannelCredentials credentials = server.pinpush().channels().resolve(appId, type).orElseThrow().credentials();

        View disabled = ChannelCalls.update(pinpoint, appId, type, Map.of("Enabled", false));
        View enabled = ChannelCalls.update(pinpoint, appId, type, Map.of("Enabled", true));

        assertThat(disabled.enabled()).isFalse();
        assertThat(disabled.version()).isEqualTo(2);
        assertThat(enabled.enabled()).isTrue();
        assertThat(enabled.version()).isEqualTo(3);
        assertThat(enabled.creationDate()).isEqualTo(created.creationDate());
        assertThat(enabled.lastModifiedDate()).isGreaterThanOrEqualTo(created.lastModifiedDate());
        assertThat(enabled.hasCredential()).isTrue();
        assertThat(enabled.hasTokenKey()).isEqualTo(created.hasTokenKey());
        assertThat(enabled.defaultAuthenticationMethod()).isEqualTo(created.defaultAuthenticationMethod());
        ResolvedChannel resolved = server.pinpush().channels().resolve(appId, type).orElseThrow();
        assertThat(resolved.credentials()).isEqualTo(credentials);
        assertThat(resolved.version()).isEqualTo(3);
        assertThat(resolved.enabled()).isTrue();
    }

    @Test
    void apnsTokenAuthenticationReportsTokenKeyAndMethod(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);

        View view = ChannelCalls.update(pinpoint, appId, ChannelType.APNS, ValidCredentials.token().members());

        assertThat(view.hasTokenKey()).isTrue();
        assertThat(view.defaultAuthenticationMethod()).isEqualTo("TOKEN");
        ChannelCredentials.Apns apns = (ChannelCredentials.Apns) server.pinpush().channels()
                .resolve(appId, ChannelType.APNS).orElseThrow().credentials();
        assertThat(apns.tokenKey()).hasValueSatisfying(key -> {
            assertThat(key.tokenKeyId()).isEqualTo(ValidCredentials.TOKEN_KEY_ID);
            assertThat(key.teamId()).isEqualTo(ValidCredentials.TEAM_ID);
            assertThat(key.bundleId()).isEqualTo(ValidCredentials.BUNDLE_ID);
        });
        assertThat(apns.certificate()).isEmpty();
    }

    @Test
    void apnsTokenKeyAsTheAmplifyCliSendsItIsAccepted(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);
        String p8 = TestKeys.p8();
        // The Amplify CLI: DefaultAuthenticationMethod "Key", and the .p8 body without its BEGIN/END lines.
        String bare = p8.replaceAll("-----[A-Z ]+-----", "").replaceAll("\\s", "");

        View view = ChannelCalls.update(pinpoint, appId, ChannelType.APNS, Map.of("Enabled", true,
                "DefaultAuthenticationMethod", "Key", "TokenKey", bare, "TokenKeyId", ValidCredentials.TOKEN_KEY_ID,
                "TeamId", ValidCredentials.TEAM_ID, "BundleId", ValidCredentials.BUNDLE_ID));

        assertThat(view.hasTokenKey()).isTrue();
        assertThat(view.defaultAuthenticationMethod()).isEqualTo("TOKEN");
        ChannelCredentials.Apns apns = (ChannelCredentials.Apns) server.pinpush().channels()
                .resolve(appId, ChannelType.APNS).orElseThrow().credentials();
        assertThat(apns.tokenKey()).hasValueSatisfying(key -> assertThat(key.tokenKey().replaceAll("\\s", ""))
                .isEqualTo(p8.replaceAll("\\s", "")));
    }

    @Test
    void apnsCertificateBundleIdComesFromTheSubjectUid(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);
        Map<String, Object> request = new HashMap<>(ValidCredentials
                .certificate("apns-rsa-cert.pem", "apns-rsa-key-pkcs1.pem").members());
        request.put("BundleId", "com.example.ignored");

        View view = ChannelCalls.update(pinpoint, appId, ChannelType.APNS, request);

        assertThat(view.defaultAuthenticationMethod()).isEqualTo("CERTIFICATE");
        assertThat(view.hasTokenKey()).isFalse();
        ChannelCredentials.Apns apns = (ChannelCredentials.Apns) server.pinpush().channels()
                .resolve(appId, ChannelType.APNS).orElseThrow().credentials();
        assertThat(apns.certificate()).hasValueSatisfying(c -> assertThat(c.bundleId()).isEqualTo("com.example.pinpush"));
    }

    @Test
    void apnsCertificateWithoutUidUsesTheRequestBundleId(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);

        ChannelCalls.update(pinpoint, appId, ChannelType.APNS,
                ValidCredentials.certificate("apns-ec-cert.pem", "apns-ec-key-sec1.pem").members());

        ChannelCredentials.Apns apns = (ChannelCredentials.Apns) server.pinpush().channels()
                .resolve(appId, ChannelType.APNS).orElseThrow().credentials();
        assertThat(apns.certificate()).hasValueSatisfying(c -> assertThat(c.bundleId())
                .isEqualTo(ValidCredentials.BUNDLE_ID));
    }

    @Test
    void apnsUpdatesMergeTokenKeyAndCertificate(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);
        ChannelCalls.update(pinpoint, appId, ChannelType.APNS, ValidCredentials.token().members());

        View both = ChannelCalls.update(pinpoint, appId, ChannelType.APNS,
                ValidCredentials.certificate("apns-rsa-cert.pem", "apns-rsa-key-pkcs8.pem").members());
        View backToToken = ChannelCalls.update(pinpoint, appId, ChannelType.APNS,
                Map.of("DefaultAuthenticationMethod", "TOKEN"));

        assertThat(both.defaultAuthenticationMethod()).isEqualTo("CERTIFICATE");
        assertThat(both.hasTokenKey()).as("the token key stays").isTrue();
        assertThat(backToToken.defaultAuthenticationMethod()).isEqualTo("TOKEN");
        assertThat(backToToken.version()).isEqualTo(3);
        ChannelCredentials.Apns apns = (ChannelCredentials.Apns) server.pinpush().channels()
                .resolve(appId, ChannelType.APNS).orElseThrow().credentials();
        assertThat(apns.tokenKey()).isPresent();
        assertThat(apns.certificate()).isPresent();

        // A BundleId alone moves the stored token key to that app.
        ChannelCalls.update(pinpoint, appId, ChannelType.APNS, Map.of("BundleId", "com.example.other"));
        ChannelCredentials.Apns moved = (ChannelCredentials.Apns) server.pinpush().channels()
                .resolve(appId, ChannelType.APNS).orElseThrow().credentials();
        assertThat(moved.tokenKey()).hasValueSatisfying(key -> assertThat(key.bundleId()).isEqualTo("com.example.other"));
    }

    @Test
    void gcmServiceAccountIsTokenAuthenticationAndLegacyApiKeyIsKey(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);

        View serviceAccount = ChannelCalls.update(pinpoint, appId, ChannelType.GCM,
                ValidCredentials.serviceAccount().members());
        ChannelCredentials.FcmServiceAccount account = (ChannelCredentials.FcmServiceAccount) server.pinpush()
                .channels().resolve(appId, ChannelType.GCM).orElseThrow().credentials();
        // The seed recipe's form: a legacy server key, no method.
        View legacy = ChannelCalls.update(pinpoint, appId, ChannelType.GCM,
                Map.of("Enabled", true, "ApiKey", "YOUR_FCM_SERVER_KEY"));

        assertThat(serviceAccount.hasFcmServiceCredentials()).isTrue();
        assertThat(serviceAccount.defaultAuthenticationMethod()).isEqualTo("TOKEN");
        assertThat(account.projectId()).startsWith("pinpush-test-");
        assertThat(account.clientEmail()).endsWith(".iam.gserviceaccount.com");
        assertThat(account.tokenUri()).isEqualTo("https://oauth2.googleapis.com/token");
        assertThat(legacy.hasFcmServiceCredentials()).isFalse();
        assertThat(legacy.defaultAuthenticationMethod()).isEqualTo("KEY");
        assertThat(server.pinpush().channels().resolve(appId, ChannelType.GCM).orElseThrow().credentials())
                .isInstanceOf(ChannelCredentials.GcmApiKey.class);
    }

    @Test
    void channelsOfAnUnknownAppAreNotFound(PinpointClient pinpoint) {
        String unknown = "0123456789abcdef0123456789abcdef";

        assertThatThrownBy(() -> ChannelCalls.update(pinpoint, unknown, ChannelType.GCM,
                ValidCredentials.serviceAccount().members()))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown);
        assertThatThrownBy(() -> ChannelCalls.get(pinpoint, unknown, ChannelType.APNS))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown);
        assertThatThrownBy(() -> ChannelCalls.delete(pinpoint, unknown, ChannelType.ADM))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown);
        assertThatThrownBy(() -> pinpoint.getChannels(b -> b.applicationId(unknown)))
                .isInstanceOf(NotFoundException.class).hasMessageContaining(unknown);
    }

    @Test
    void getChannelsListsEveryConfiguredChannelByType(PinpointClient pinpoint) {
        String appId = newApp(pinpoint);
        ChannelCalls.update(pinpoint, appId, ChannelType.APNS_SANDBOX,
                ValidCredentials.forChannel(ChannelType.APNS_SANDBOX).members());
        ChannelCalls.update(pinpoint, appId, ChannelType.GCM, ValidCredentials.forChannel(ChannelType.GCM).members());
        ChannelCalls.update(pinpoint, appId, ChannelType.GCM, Map.of("Enabled", false));

        Map<String, ChannelResponse> channels = pinpoint.getChannels(b -> b.applicationId(appId))
                .channelsResponse().channels();

        assertThat(channels).containsOnlyKeys("APNS_SANDBOX", "GCM");
        assertThat(channels.get("GCM").enabled()).isFalse();
        assertThat(channels.get("GCM").version()).isEqualTo(2);
        assertThat(channels.get("APNS_SANDBOX").id()).isEqualTo("apns_sandbox");
    }

    static String newApp(PinpointClient pinpoint) {
        return pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("channels"))).applicationResponse().id();
    }
}
