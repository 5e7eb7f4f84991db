package io.pinpush.access;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.access.AccessKeyShapes.AccessKeyResponse;
import io.pinpush.access.AccessKeyShapes.CreateAccessKeyRequest;
import io.pinpush.api.Json;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.AwsCli;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The real AWS CLI v1 and boto3, configured with nothing but an endpoint URL and a Pinpush key pair, against the
 * local server enforcing keys.
 */
class AccessKeysClientsTest {

    private static LocalServer server;
    private static AwsCli.Credentials admin;
    private static URI endpoint;

    @BeforeAll
    static void start() {
        server = EnforcingServer.start();
        AccessKeyResponse key = server.bootstrapKey().orElseThrow();
        admin = new AwsCli.Credentials(key.accessKeyId(), key.secretAccessKey(), null);
        endpoint = server.endpoint();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    @Test
    void theAwsCliWorksWithAPinpushKeyPair() {
        String appId = AwsCli.json(admin, endpoint, "pinpoint", "create-app", "--create-application-request",
                "Name=cli-keys,tags={team=mobile}").path("ApplicationResponse").path("Id").asText();
        assertThat(AwsCli.json(admin, endpoint, "pinpoint", "get-apps").path("ApplicationsResponse").path("Item")
                .findValuesAsText("Id")).contains(appId);
        AwsCli.json(admin, endpoint, "pinpoint", "update-gcm-channel", "--application-id", appId,
                "--gcm-channel-request", "ApiKey=server-key,Enabled=true");
        AwsCli.json(admin, endpoint, "pinpoint", "update-endpoint", "--application-id", appId, "--endpoint-id",
                "cli device/1:x", "--endpoint-request", "{\"ChannelType\":\"GCM\",\"Address\":\"token-cli\"}");
        assertThat(AwsCli.json(admin, endpoint, "pinpoint", "get-endpoint", "--application-id", appId,
                "--endpoint-id", "cli device/1:x").path("EndpointResponse").path("Address").asText())
                .isEqualTo("token-cli");
        JsonNode sent = AwsCli.json(admin, endpoint, "pinpoint", "send-messages", "--application-id", appId,
                "--message-request", "{\"Endpoints\":{\"cli device/1:x\":{}},"
                        + "\"MessageConfiguration\":{\"GCMMessage\":{\"Body\":\"hi\"}}}");
        assertThat(sent.path("MessageResponse").path("EndpointResult").has("cli device/1:x")).isTrue();
        String arn = "arn:aws:mobiletargeting:us-east-1:000000000000:apps/" + appId;
        AwsCli.json(admin, endpoint, "pinpoint", "tag-resource", "--resource-arn", arn, "--tags-model",
                "tags={stage=test}");
        assertThat(AwsCli.json(admin, endpoint, "pinpoint", "list-tags-for-resource", "--resource-arn", arn)
                .path("TagsModel").path("tags").path("stage").asText()).isEqualTo("test");
        AwsCli.json(admin, endpoint, "pinpoint", "untag-resource", "--resource-arn", arn, "--tag-keys", "stage", "team");
        assertThat(AwsCli.json(admin, endpoint, "pinpoint", "list-tags-for-resource", "--resource-arn", arn)
                .path("TagsModel").path("tags").size()).isZero();
    }

    @Test
    void theAwsCliWithAWrongSecretGetsForbidden() {
        AwsCli.Credentials wrong = new AwsCli.Credentials(admin.accessKeyId(), "y".repeat(40), null);
        assertThatThrownBy(() -> AwsCli.json(wrong, endpoint, "pinpoint", "get-apps"))
                .hasMessageContaining("ForbiddenException").hasMessageContaining("signature");
    }

    @Test
    void boto3WorksWithAPinpushKeyPairAndASenderKeyStaysInItsApp() {
        AccessKeyService keys = server.pinpush().accessControl().keys();
        String script = """
                import boto3, botocore, json, os, sys
                def client(key, secret):
                    return boto3.client('pinpoint', region_name='us-east-1', endpoint_url=os.environ['ENDPOINT'],
                                        aws_access_key_id=key, aws_secret_access_key=secret)
                admin = client(os.environ['ADMIN_ID'], os.environ['ADMIN_SECRET'])
                own = admin.create_app(CreateApplicationRequest={'Name': 'boto-own'})['ApplicationResponse']['Id']
                other = admin.create_app(CreateApplicationRequest={'Name': 'boto-other'})['ApplicationResponse']['Id']
                for app in (own, other):
                    admin.update_gcm_channel(ApplicationId=app, GCMChannelRequest={'ApiKey': 'k', 'Enabled': True})
                admin.update_endpoint(ApplicationId=own, EndpointId='boto endpoint', EndpointRequest={
                    'ChannelType': 'GCM', 'Address': 'token-boto'})
                apps = [a['Id'] for a in admin.get_apps(PageSize='100')['ApplicationsResponse']['Item']]
                print(json.dumps({'own': own, 'other': other, 'listed': own in apps and other in apps,
                                  'address': admin.get_endpoint(ApplicationId=own, EndpointId='boto endpoint')
                                      ['EndpointResponse']['Address']}))
                sys.stdout.flush()
                """;
        JsonNode setup = python(script, "ADMIN");
        assertThat(setup.path("listed").asBoolean()).isTrue();
        assertThat(setup.path("address").asText()).isEqualTo("token-boto");

        AccessKeyResponse sender = keys.create(new CreateAccessKeyRequest("boto sender", "SENDER",
                setup.path("own").asText(), null), "us-east-1", "000000000000");
        String send = """
                import boto3, botocore, json, os
                c = boto3.client('pinpoint', region_name='us-east-1', endpoint_url=os.environ['ENDPOINT'],
                                 aws_access_key_id=os.environ['SENDER_ID'], aws_secret_access_key=os.environ['SENDER_SECRET'])
                request = {'Addresses': {'token-1': {'ChannelType': 'GCM'}},
                           'MessageConfiguration': {'GCMMessage': {'Body': 'hi'}}}
                ok = c.send_messages(ApplicationId=os.environ['OWN'], MessageRequest=request)
                try:
                    c.send_messages(ApplicationId=os.environ['OTHER'], MessageRequest=request)
                    other = 'sent'
                except botocore.exceptions.ClientError as e:
                    other = e.response['Error']['Code']
                print(json.dumps({'own': ok['MessageResponse']['ApplicationId'], 'other': other}))
                """;
        JsonNode outcome = python(send, "SENDER", "SENDER_ID", sender.accessKeyId(), "SENDER_SECRET",
                sender.secretAccessKey(), "OWN", setup.path("own").asText(), "OTHER", setup.path("other").asText());
        assertThat(outcome.path("own").asText()).isEqualTo(setup.path("own").asText());
        assertThat(outcome.path("other").asText()).isEqualTo("ForbiddenException");
    }

    @Test
    void theKeysCommandCreatesListsDisablesEnablesRotatesAndDeletesKeys() {
        JsonNode created = keysCommand("create", "--role", "READ_ONLY", "--description", "from the CLI");
        String id = created.path("AccessKeyId").asText();
        String secret = created.path("SecretAccessKey").asText();
        assertThat(id).matches("PPK[A-Z2-7]{17}");
        assertThat(secret).hasSize(40);
        assertThat(keysCommand("list").path("Item").findValuesAsText("AccessKeyId")).contains(id, admin.accessKeyId());
        AwsCli.Credentials readOnly = new AwsCli.Credentials(id, secret, null);
        AwsCli.json(readOnly, endpoint, "pinpoint", "get-apps");

        assertThat(keysCommand("disable", id).path("Status").asText()).isEqualTo("INACTIVE");
        assertThatThrownBy(() -> AwsCli.json(readOnly, endpoint, "pinpoint", "get-apps"))
                .hasMessageContaining("ForbiddenException").hasMessageContaining("disabled");
        assertThat(keysCommand("enable", id).path("Status").asText()).isEqualTo("ACTIVE");

        String rotated = keysCommand("rotate", id).path("SecretAccessKey").asText();
        assertThat(rotated).hasSize(40).isNotEqualTo(secret);
        assertThatThrownBy(() -> AwsCli.json(readOnly, endpoint, "pinpoint", "get-apps"))
                .hasMessageContaining("ForbiddenException");
        AwsCli.json(new AwsCli.Credentials(id, rotated, null), endpoint, "pinpoint", "get-apps");

        keysCommand("delete", id);
        assertThat(keysCommand("list").path("Item").findValuesAsText("AccessKeyId")).doesNotContain(id);
    }

    /** {@code bin/pinpush-keys --endpoint-url ... <args>}, signed with the admin key. */
    private static JsonNode keysCommand(String... args) {
        List<String> command = new ArrayList<>(List.of(Path.of("..", "bin", "pinpush-keys").toString(),
                "--endpoint-url", endpoint.toString()));
        command.addAll(List.of(args));
        return run("bin/pinpush-keys " + String.join(" ", args), command, Map.of());
    }

    /** Runs a python3 script with boto3; {@code env} are name/value pairs added to the admin key and endpoint. */
    private static JsonNode python(String script, String label, String... env) {
        Map<String, String> environment = new HashMap<>(Map.of("ENDPOINT", endpoint.toString()));
        for (int i = 0; i < env.length; i += 2) {
            environment.put(env[i], env[i + 1]);
        }
        return run("boto3 script " + label, List.of("python3", "-c", script), environment);
    }

    /** Runs a command with the admin key as its AWS credentials and reads the last line it printed as JSON. */
    private static JsonNode run(String label, List<String> command, Map<String, String> env) {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("AWS_ACCESS_KEY_ID", admin.accessKeyId());
        builder.environment().put("AWS_SECRET_ACCESS_KEY", admin.secretAccessKey());
        builder.environment().put("ADMIN_ID", admin.accessKeyId());
        builder.environment().put("ADMIN_SECRET", admin.secretAccessKey());
        builder.environment().remove("AWS_SESSION_TOKEN");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().putAll(env);
        try {
            Process process = builder.start();
            String printed = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(120, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new AssertionError(label + " failed:\n" + printed);
            }
            String json = printed.isBlank() ? "{}" : printed.strip();
            // boto3 scripts print one JSON line last; bin/pinpush-keys prints one indented document.
            if (command.get(0).equals("python3")) {
                String[] lines = json.split("\n");
                json = lines[lines.length - 1];
            }
            return Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new AssertionError(label + " could not be run", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
