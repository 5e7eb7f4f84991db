package io.pinpush.channels;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.secrets.FileSecretStore;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChannelSecretsTest {

    @Test
    void everyKindOfCredentialsReadsBackAsWritten(@TempDir Path folder) {
        ChannelSecrets secrets = new ChannelSecrets(new FileSecretStore(folder), "pinpush/");
        List<ChannelCredentials> kinds = List.of(
                new ChannelCredentials.Apns(
                        Optional.of(new ChannelCredentials.Apns.TokenKey("p8", "ABC123DEFG", "TEAM123456", "com.a")),
                        Optional.of(new ChannelCredentials.Apns.Certificate("cert", "key", null)), "CERTIFICATE"),
                new ChannelCredentials.Apns(Optional.empty(),
                        Optional.of(new ChannelCredentials.Apns.Certificate("cert", "key", "com.b")), "CERTIFICATE"),
                new ChannelCredentials.FcmServiceAccount("{}", "project", "a@b.c", "pem", "https://token"),
                new ChannelCredentials.GcmApiKey("key"),
                new ChannelCredentials.Adm("id", "secret"),
                new ChannelCredentials.Baidu("api", "secret"));

        for (ChannelCredentials credentials : kinds) {
            String version = secrets.write("app", ChannelType.APNS, credentials);
            assertThat(secrets.read("app", ChannelType.APNS, version)).hasValue(credentials);
        }
    }

    @Test
    void secretNamesArePerAppAndChannelUnderThePrefix(@TempDir Path folder) {
        ChannelSecrets secrets = new ChannelSecrets(new FileSecretStore(folder), "acme/pinpush/");

        assertThat(secrets.name("0123", ChannelType.APNS_VOIP_SANDBOX))
                .isEqualTo("acme/pinpush/apps/0123/channels/APNS_VOIP_SANDBOX");
    }

    @Test
    void credentialsNeverPrintTheirSecrets() {
        ChannelCredentials.Apns apns = new ChannelCredentials.Apns(
                Optional.of(new ChannelCredentials.Apns.TokenKey("p8-secret", "ABC123DEFG", "TEAM123456", "com.a")),
                Optional.empty(), "TOKEN");
        APNSChannelRequest request = new APNSChannelRequest("com.a", null, "TOKEN", true, null, "TEAM123456",
                "p8-secret", "ABC123DEFG");
        ResolvedChannel resolved = new ResolvedChannel("app", ChannelType.APNS, true, 1, apns);

        assertThat(apns.toString()).doesNotContain("p8-secret");
        assertThat(request.toString()).doesNotContain("p8-secret");
        assertThat(resolved.toString()).doesNotContain("p8-secret");
        assertThat(new BaiduChannelRequest("api-secret", true, "s").toString()).doesNotContain("api-secret");
        assertThat(new ADMChannelRequest("id", "adm-secret", true).toString()).doesNotContain("adm-secret");
        assertThat(new GCMChannelRequest("gcm-secret", null, true, null).toString()).doesNotContain("gcm-secret");
    }
}
