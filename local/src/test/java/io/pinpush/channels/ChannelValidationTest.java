package io.pinpush.channels;

import static io.pinpush.channels.ChannelApiTest.newApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.channels.ChannelCalls.View;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.MotoServer;
import io.pinpush.testing.PinpushExtension;
import io.pinpush.testing.RawHttp;
import java.net.http.HttpResponse;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/** Credentials that cannot work are refused with a 400 that says why, and nothing is written. */
@ExtendWith(PinpushExtension.class)
class ChannelValidationTest {

    static Stream<Arguments> unusableFirstUpdates() {
        return Stream.of(
                // The seed recipe (004, step 2): CERTIFICATE requested, no certificate sent.
                rejected("recipe: CERTIFICATE without a certificate", ChannelType.APNS,
                        Map.of("Enabled", true, "DefaultAuthenticationMethod", "CERTIFICATE"),
                        "DefaultAuthenticationMethod CERTIFICATE needs Certificate and PrivateKey"),
                rejected("TOKEN without token key", ChannelType.APNS_SANDBOX,
                        Map.of("Enabled", true, "DefaultAuthenticationMethod", "TOKEN"),
                        "DefaultAuthenticationMethod TOKEN needs TokenKey"),
                rejected("unknown method", ChannelType.APNS,
                        with(ValidCredentials.token(), "DefaultAuthenticationMethod", "PASSWORD"),
                        "DefaultAuthenticationMethod 'PASSWORD' is not valid for the APNs channel: use TOKEN or CERTIFICATE"),
                rejected("no credentials at all", ChannelType.APNS_VOIP, Map.of("Enabled", true),
                        "The APNs channel needs credentials"),
                rejected("token key that is not PEM", ChannelType.APNS,
                        with(ValidCredentials.token(), "TokenKey", "a .p8 file name, not its text"),
                        "TokenKey is not PEM text"),
                // A bare base64 body is read as the Amplify CLI sends a .p8; this one is cut short.
                rejected("token key body cut short", ChannelType.APNS,
                        with(ValidCredentials.token(), "TokenKey", "MIGTAgEAMBMGByqGSM49AgEGCCqGSM49AwEHBHkwdwIBAQQg"),
                        "TokenKey is not an EC private key"),
                rejected("token key that is RSA", ChannelType.APNS,
                        with(ValidCredentials.token(), "TokenKey", TestKeys.rsaPkcs8()),
                        "TokenKey is not an EC private key"),
                rejected("token key on P-384", ChannelType.APNS,
                        with(ValidCredentials.token(), "TokenKey", TestKeys.ecP384Pkcs8()),
                        "APNs signing keys use P-256"),
                rejected("team id of 9 characters", ChannelType.APNS,
                        with(ValidCredentials.token(), "TeamId", "TEAM12345"), "TeamId must be"),
                rejected("token key id in lower case", ChannelType.APNS_VOIP,
                        with(ValidCredentials.token(), "TokenKeyId", "abc123defg"), "TokenKeyId must be"),
                rejected("token key without bundle id", ChannelType.APNS,
                        without(ValidCredentials.token().members(), "BundleId"), "missing: BundleId"),
                rejected("token key without team id and key id", ChannelType.APNS,
                        without(without(ValidCredentials.token().members(), "TeamId"), "TokenKeyId"),
                        "missing: TokenKeyId, TeamId"),
                rejected("expired certificate", ChannelType.APNS,
                        ValidCredentials.certificate("apns-expired-cert.pem", "apns-expired-key-pkcs8.pem").members(),
                        "Certificate expired on 2021-01-01T00:00:00Z"),
                rejected("key of another certificate", ChannelType.APNS_SANDBOX,
                        ValidCredentials.certificate("apns-rsa-cert.pem", "unrelated-rsa-key-pkcs8.pem").members(),
                        "PrivateKey does not belong to Certificate"),
                rejected("EC key for an RSA certificate", ChannelType.APNS_SANDBOX,
                        ValidCredentials.certificate("apns-rsa-cert.pem", "apns-ec-key-sec1.pem").members(),
                        "PrivateKey does not belong to Certificate"),
                rejected("certificate without key", ChannelType.APNS,
                        without(ValidCredentials.certificate("apns-rsa-cert.pem", "apns-rsa-key-pkcs8.pem").members(), "PrivateKey"),
                        "Certificate authentication needs both Certificate and PrivateKey; missing: PrivateKey"),
                rejected("certificate that is a key", ChannelType.APNS,
                        with(ValidCredentials.certificate("apns-rsa-cert.pem", "apns-rsa-key-pkcs8.pem"),
                                "Certificate", TestKeys.fixture("apns-rsa-key-pkcs8.pem")),
                        "Certificate must be a PEM X.509 certificate"),
                rejected("empty member", ChannelType.APNS, with(ValidCredentials.token(), "TeamId", " "),
                        "TeamId must not be empty"),
                rejected("GCM without credentials", ChannelType.GCM, Map.of("Enabled", true),
                        "The GCM channel needs ServiceJson"),
                rejected("GCM TOKEN with only an API key", ChannelType.GCM,
                        Map.of("DefaultAuthenticationMethod", "TOKEN", "ApiKey", "legacy"),
                        "DefaultAuthenticationMethod TOKEN needs ServiceJson"),
                rejected("GCM service JSON that is not JSON", ChannelType.GCM,
                        Map.of("ServiceJson", "{\"type\": \"service_account\", \"private_key\": "),
                        "ServiceJson is not valid JSON"),
                rejected("GCM service JSON of another type", ChannelType.GCM,
                        Map.of("ServiceJson", "{\"type\": \"authorized_user\", \"client_id\": \"x\"}"),
                        "ServiceJson must be a service-account key file"),
                rejected("GCM service JSON without project", ChannelType.GCM,
                        Map.of("ServiceJson", "{\"type\": \"service_account\", \"client_email\": \"a@b.c\"}"),
                        "ServiceJson lacks project_id, private_key"),
                rejected("GCM service JSON with a broken key", ChannelType.GCM,
                        Map.of("ServiceJson", TestKeys.serviceJson("p", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n")),
                        "ServiceJson private_key is not a readable RSA or EC private key"),
                rejected("GCM service JSON with an EC key", ChannelType.GCM,
                        Map.of("ServiceJson", TestKeys.serviceJson("p", TestKeys.p8())),
                        "ServiceJson private_key must be an RSA private key"),
                rejected("GCM unknown method", ChannelType.GCM, Map.of("DefaultAuthenticationMethod", "CERTIFICATE",
                        "ApiKey", "k"), "use TOKEN or KEY"),
                rejected("Baidu without secret key", ChannelType.BAIDU, Map.of("Enabled", true, "ApiKey", "k"),
                        "The Baidu channel needs ApiKey and SecretKey from the Baidu Cloud Push console; missing: SecretKey"),
                rejected("Baidu without credentials", ChannelType.BAIDU, Map.of("Enabled", true),
                        "The Baidu channel needs ApiKey and SecretKey"),
                rejected("ADM without client secret", ChannelType.ADM, Map.of("ClientId", "amzn1.x"),
                        "missing: ClientSecret"),
                rejected("ADM without credentials", ChannelType.ADM, Map.of("Enabled", false),
                        "The ADM channel needs ClientId and ClientSecret"));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("unusableFirstUpdates")
    void unusableCredentialsAreABadRequestThatWritesNothing(String description, ChannelType type,
                                                            Map<String, Object> request, String message,
                                                            PinpointClient pinpoint, LocalServer server,
                                                            MotoServer moto) {
        String appId = newApp(pinpoint);

        assertThatThrownBy(() -> ChannelCalls.update(pinpoint, appId, type, request))
                .isInstanceOfSatisfying(BadRequestException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).contains(message);
                });

        assertThatThrownBy(() -> ChannelCalls.get(pinpoint, appId, type)).isInstanceOf(NotFoundException.class);
        assertThat(pinpoint.getChannels(b -> b.applicationId(appId)).channelsResponse().channels()).isEmpty();
        String secretName = server.pinpush().config().secretPrefix() + "apps/" + appId + "/channels/" + type;
        assertThatThrownBy(() -> moto.secretsManager().describeSecret(b -> b.secretId(secretName)))
                .isInstanceOf(ResourceNotFoundException.class);
    }

    @Test
    void aRejectedUpdateLeavesTheConfiguredChannelUnchanged(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);
        View configured = ChannelCalls.update(pinpoint, appId, ChannelType.APNS, ValidCredentials.token().members());
        ResolvedChannel before = server.pinpush().channels().resolve(appId, ChannelType.APNS).orElseThrow();

        assertThatThrownBy(() -> ChannelCalls.update(pinpoint, appId, ChannelType.APNS,
                Map.of("Enabled", false, "DefaultAuthenticationMethod", "CERTIFICATE")))
                .isInstanceOf(BadRequestException.class)
                .hasMessageContaining("DefaultAuthenticationMethod CERTIFICATE needs Certificate and PrivateKey");
        assertThatThrownBy(() -> ChannelCalls.update(pinpoint, appId, ChannelType.APNS,
                ValidCredentials.certificate("apns-expired-cert.pem", "apns-expired-key-pkcs8.pem").members()))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("expired");

        assertThat(ChannelCalls.get(pinpoint, appId, ChannelType.APNS)).isEqualTo(configured);
        assertThat(server.pinpush().channels().resolve(appId, ChannelType.APNS)).hasValue(before);
    }

    @Test
    void wrongMemberTypesAreBadRequests(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);

        HttpResponse<String> number = RawHttp.send(server.endpoint(), "PUT",
                "/v1/apps/" + appId + "/channels/baidu", "{\"ApiKey\": 5, \"SecretKey\": \"s\"}");
        HttpResponse<String> notBoolean = RawHttp.send(server.endpoint(), "PUT",
                "/v1/apps/" + appId + "/channels/adm", "{\"Enabled\": \"yes\", \"ClientId\": \"a\", \"ClientSecret\": \"b\"}");

        assertThat(number.statusCode()).isEqualTo(400);
        assertThat(number.body()).contains("ApiKey");
        assertThat(notBoolean.statusCode()).isEqualTo(400);
        assertThat(notBoolean.body()).contains("Enabled");
        assertThatThrownBy(() -> ChannelCalls.get(pinpoint, appId, ChannelType.BAIDU)).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> ChannelCalls.get(pinpoint, appId, ChannelType.ADM)).isInstanceOf(NotFoundException.class);
    }

    private static Arguments rejected(String description, ChannelType type, Map<String, Object> request,
                                      String message) {
        return Arguments.of(description, type, request, message);
    }

    private static Map<String, Object> with(ValidCredentials credentials, String member, Object value) {
        Map<String, Object> request = new HashMap<>(credentials.members());
        request.put(member, value);
        return request;
    }

    private static Map<String, Object> without(Map<String, Object> members, String member) {
        Map<String, Object> request = new HashMap<>(members);
        request.remove(member);
        return request;
    }
}
