package io.pinpush.channels;

import static io.pinpush.channels.ChannelApiTest.newApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.CapturedLogs;
import io.pinpush.testing.MotoServer;
import io.pinpush.testing.PinpushExtension;
import io.pinpush.testing.RawHttp;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * Credentials live in Secrets Manager, one secret per app and channel, and nowhere else: not in DynamoDB,
 * not in any response body, not in any log line.
 */
@ExtendWith(PinpushExtension.class)
class ChannelCredentialStorageTest {

    private static final List<ChannelType> PUSH_CHANNELS = List.of(ChannelType.APNS, ChannelType.APNS_SANDBOX,
            ChannelType.APNS_VOIP, ChannelType.APNS_VOIP_SANDBOX, ChannelType.GCM, ChannelType.BAIDU, ChannelType.ADM);

    @Test
    void credentialsAreInSecretsManagerAndNowhereElse(PinpointClient pinpoint, LocalServer server, MotoServer moto) {
        String appId = newApp(pinpoint);
        Map<ChannelType, ValidCredentials> configured = new EnumMap<>(ChannelType.class);
        List<String> bodies = new ArrayList<>();
        List<String> secrets = new ArrayList<>();

        try (CapturedLogs logs = CapturedLogs.start()) {
            for (ChannelType type : PUSH_CHANNELS) {
                ValidCredentials credentials = ValidCredentials.forChannel(type);
                configured.put(type, credentials);
                secrets.addAll(credentials.secrets());
                String path = "/v1/apps/" + appId + "/channels/" + type.name().toLowerCase();
                bodies.add(send(server, "PUT", path, io.pinpush.api.Json.write(credentials.members())));
                bodies.add(send(server, "PUT", path, "{\"Enabled\": false}"));
                bodies.add(send(server, "GET", path, null));
            }
            bodies.add(send(server, "GET", "/v1/apps/" + appId + "/channels", null));
            // A rejected update whose key is fine but whose certificate has expired: the refusal is logged.
            assertThatThrownBy(() -> ChannelCalls.update(pinpoint, appId, ChannelType.APNS, Map.of(
                    "Certificate", TestKeys.fixture("apns-expired-cert.pem"),
                    "PrivateKey", TestKeys.fixture("apns-expired-key-pkcs8.pem"))))
                    .isInstanceOf(BadRequestException.class);
            secrets.add(TestKeys.pemLine(TestKeys.fixture("apns-expired-key-pkcs8.pem")));
            for (ChannelType type : PUSH_CHANNELS) {
                server.pinpush().channels().resolve(appId, type).orElseThrow();
            }

            assertThat(logs.text()).as("the capture sees the server's log lines")
                    .contains("Channel GCM of app " + appId + " is now version 2")
                    .contains("rejected: BadRequestException Certificate expired");
            for (String secret : secrets) {
                assertThat(logs.text()).as("log lines").doesNotContain(secret);
            }
        }

        for (ChannelType type : PUSH_CHANNELS) {
            String stored = moto.secretsManager().getSecretValue(b -> b.secretId(secretName(server, appId, type)))
                    .secretString();
            for (String secret : configured.get(type).secrets()) {
                assertThat(stored).as("secret of %s", type).contains(secret);
            }
        }
        String table = tableContents(server);
        assertThat(table).as("apps table").contains(appId).contains("channel#ADM");
        for (String secret : secrets) {
            assertThat(table).as("apps table").doesNotContain(secret);
            assertThat(String.join("\n", bodies)).as("response bodies").doesNotContain(secret);
        }
        String deleted = send(server, "DELETE", "/v1/apps/" + appId + "/channels/baidu", null);
        assertThat(deleted).contains("\"Platform\":\"BAIDU\"").doesNotContain("\"Credential\"");
        configured.get(ChannelType.BAIDU).secrets().forEach(secret -> assertThat(deleted).doesNotContain(secret));
    }

    @Test
    void deletingAChannelDeletesItsSecret(PinpointClient pinpoint, LocalServer server, MotoServer moto) {
        String appId = newApp(pinpoint);
        ChannelCalls.update(pinpoint, appId, ChannelType.ADM, ValidCredentials.forChannel(ChannelType.ADM).members());
        ChannelCalls.update(pinpoint, appId, ChannelType.GCM, ValidCredentials.forChannel(ChannelType.GCM).members());

        ChannelCalls.delete(pinpoint, appId, ChannelType.ADM);

        assertThatThrownBy(() -> moto.secretsManager().describeSecret(b -> b.secretId(
                secretName(server, appId, ChannelType.ADM)))).isInstanceOf(ResourceNotFoundException.class);
        assertThat(moto.secretsManager().describeSecret(b -> b.secretId(secretName(server, appId, ChannelType.GCM)))
                .name()).isEqualTo(secretName(server, appId, ChannelType.GCM));
        assertThat(server.pinpush().channels().resolve(appId, ChannelType.ADM)).isEmpty();
    }

    @Test
    void channelConfiguredAgainAfterDeleteGetsFreshCredentials(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);
        ChannelCalls.update(pinpoint, appId, ChannelType.BAIDU, ValidCredentials.forChannel(ChannelType.BAIDU).members());
        ChannelCalls.delete(pinpoint, appId, ChannelType.BAIDU);
        ValidCredentials second = ValidCredentials.forChannel(ChannelType.BAIDU);

        ChannelCalls.View again = ChannelCalls.update(pinpoint, appId, ChannelType.BAIDU, second.members());

        assertThat(again.version()).isEqualTo(1);
        ChannelCredentials.Baidu baidu = (ChannelCredentials.Baidu) server.pinpush().channels()
                .resolve(appId, ChannelType.BAIDU).orElseThrow().credentials();
        assertThat(List.of(baidu.apiKey(), baidu.secretKey())).isEqualTo(second.secrets());
    }

    @Test
    void deleteAppRemovesEveryChannelSecretAndItem(PinpointClient pinpoint, LocalServer server, MotoServer moto) {
        String appId = newApp(pinpoint);
        for (ChannelType type : List.of(ChannelType.APNS, ChannelType.GCM, ChannelType.ADM)) {
            ChannelCalls.update(pinpoint, appId, type, ValidCredentials.forChannel(type).members());
        }

        pinpoint.deleteApp(b -> b.applicationId(appId));

        for (ChannelType type : List.of(ChannelType.APNS, ChannelType.GCM, ChannelType.ADM)) {
            assertThatThrownBy(() -> moto.secretsManager().describeSecret(b -> b.secretId(
                    secretName(server, appId, type)))).isInstanceOf(ResourceNotFoundException.class);
            assertThat(server.pinpush().channels().resolve(appId, type)).isEmpty();
        }
        assertThat(tableContents(server)).doesNotContain(appId);
        assertThatThrownBy(() -> pinpoint.getChannels(b -> b.applicationId(appId))).isInstanceOf(NotFoundException.class);
    }

    private static String secretName(LocalServer server, String appId, ChannelType type) {
        return server.pinpush().config().secretPrefix() + "apps/" + appId + "/channels/" + type.name();
    }

    /** Every attribute of every item of the apps table, as text. */
    private static String tableContents(LocalServer server) {
        StringBuilder text = new StringBuilder();
        String table = server.pinpush().config().tableName("apps");
        server.pinpush().aws().dynamoDb().scanPaginator(b -> b.tableName(table)).items()
                .forEach(item -> item.forEach((name, value) -> text.append(name).append('=')
                        .append(textOf(value)).append('\n')));
        return text.toString();
    }

    private static String textOf(AttributeValue value) {
        return value.s() != null ? value.s() : value.n() != null ? value.n() : value.toString();
    }

    private static String send(LocalServer server, String method, String path, String body) {
        HttpResponse<String> response = RawHttp.send(server.endpoint(), method, path, body);
        assertThat(response.statusCode()).as("%s %s: %s", method, path, response.body()).isEqualTo(200);
        return response.body();
    }
}
