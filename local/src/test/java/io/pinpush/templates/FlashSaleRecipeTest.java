package io.pinpush.templates;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.channels.ChannelType;
import io.pinpush.endpoints.EndpointDemographic;
import io.pinpush.endpoints.EndpointLocation;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointUser;
import io.pinpush.local.LocalServer;
import io.pinpush.messaging.DirectMessageConfiguration;
import io.pinpush.testing.PinpushExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;

/** Step 6 of the customer's recipe (seeds/004), run with the real AWS CLI against Pinpush, then rendered as a send would. */
@ExtendWith(PinpushExtension.class)
class FlashSaleRecipeTest {

    /** The recipe's --push-notification-template-request, verbatim (the shell's '\'' is a plain apostrophe). */
    private static final String RECIPE_TEMPLATE = """
            {
                "ADM": {
                    "Action": "OPEN_APP",
                    "Body": "Don't miss out! {{User.FirstName}}, exclusive flash sale ends in 2 hours!",
                    "Title": "🔥 Flash Sale Alert",
                    "Sound": "default"
                },
                "APNS": {
                    "Action": "OPEN_APP",
                    "Body": "Don't miss out! {{User.FirstName}}, exclusive flash sale ends in 2 hours!",
                    "Title": "🔥 Flash Sale Alert",
                    "Sound": "default"
                },
                "GCM": {
                    "Action": "OPEN_APP",
                    "Body": "Don't miss out! {{User.FirstName}}, exclusive flash sale ends in 2 hours!",
                    "Title": "🔥 Flash Sale Alert",
                    "Sound": "default"
                },
                "Default": {
                    "Action": "OPEN_APP",
                    "Body": "Don't miss out! Exclusive flash sale ends in 2 hours!",
                    "Title": "🔥 Flash Sale Alert"
                }
            }""";

    @Test
    void recipeTemplateCreatedWithTheAwsCliRendersPersonalizedPerEndpoint(LocalServer server, PinpointClient pinpoint,
                                                                        @TempDir Path home) throws Exception {
        try {
            pinpoint.deletePushTemplate(b -> b.templateName("flash-sale-template"));
        } catch (NotFoundException firstRun) {
            // nothing to clean up
        }

        CliResult cli = aws(server, home, "pinpoint", "create-push-template",
                "--template-name", "flash-sale-template",
                "--push-notification-template-request", RECIPE_TEMPLATE);

        assertThat(cli.exitCode()).as("aws cli failed: %s", cli.stderr()).isZero();
        JsonNode created = new ObjectMapper().readTree(cli.stdout()).path("CreateTemplateMessageBody");
        assertThat(created.path("Arn").asText())
                .isEqualTo("arn:aws:mobiletargeting:us-east-1:000000000000:templates/flash-sale-template/PUSH");

        PushTemplates templates = server.pinpush().pushTemplates();
        PushTemplate active = templates.require("flash-sale-template", null);
        assertThat(active.version()).isEqualTo(1);
        assertThat(active.gcm().title()).isEqualTo("🔥 Flash Sale Alert");

        DirectMessageConfiguration forIos = templates.renderFor(active, null, endpoint("ios-user-001", ChannelType.APNS, "Jane", "Seattle"), null);
        DirectMessageConfiguration forAndroid = templates.renderFor(active, null, endpoint("android-user-002", ChannelType.GCM, "Raj", "San Francisco"), null);

        assertThat(forIos.apnsMessage().body()).isEqualTo("Don't miss out! Jane, exclusive flash sale ends in 2 hours!");
        assertThat(forIos.apnsMessage().title()).isEqualTo("🔥 Flash Sale Alert");
        assertThat(forIos.apnsMessage().sound()).isEqualTo("default");
        assertThat(forAndroid.gcmMessage().body()).isEqualTo("Don't miss out! Raj, exclusive flash sale ends in 2 hours!");
        assertThat(forAndroid.admMessage().body()).isEqualTo("Don't miss out! Raj, exclusive flash sale ends in 2 hours!");
        assertThat(forAndroid.defaultPushNotificationMessage().body()).isEqualTo("Don't miss out! Exclusive flash sale ends in 2 hours!");

        CliResult got = aws(server, home, "pinpoint", "get-push-template", "--template-name", "flash-sale-template");
        assertThat(got.exitCode()).as("aws cli failed: %s", got.stderr()).isZero();
        assertThat(new ObjectMapper().readTree(got.stdout()).path("PushNotificationTemplateResponse").path("GCM").path("Body").asText())
                .isEqualTo("Don't miss out! {{User.FirstName}}, exclusive flash sale ends in 2 hours!");
    }

    /** The recipe's endpoints (step 4), with the first name the template asks for. */
    private static EndpointResponse endpoint(String id, ChannelType channel, String firstName, String city) {
        return new EndpointResponse("device-token-" + id, "app", Map.of("PlatformType", List.of(channel == ChannelType.APNS ? "iOS" : "Android")),
                channel, null, "2024-01-01T00:00:00.000Z", new EndpointDemographic(null, null, null, null, null,
                channel == ChannelType.APNS ? "iOS" : "Android", null, null), null, "ACTIVE", id,
                new EndpointLocation(city, "US", null, null, null, null), null, "NONE", null,
                new EndpointUser(Map.of("FirstName", List.of(firstName), "PurchaseHistory", List.of("high-value")), id.replace("ios-", "").replace("android-", "")));
    }

    private record CliResult(int exitCode, String stdout, String stderr) {
    }

    private static CliResult aws(LocalServer server, Path home, String... args) throws IOException, InterruptedException {
        List<String> command = new java.util.ArrayList<>(List.of("aws"));
        command.addAll(List.of(args));
        command.addAll(List.of("--endpoint-url", server.endpoint().toString(), "--output", "json"));
        ProcessBuilder builder = new ProcessBuilder(command);
        Map<String, String> env = builder.environment();
        env.put("AWS_ACCESS_KEY_ID", "test");
        env.put("AWS_SECRET_ACCESS_KEY", "test");
        env.put("AWS_DEFAULT_REGION", "us-east-1");
        // Keep whatever profile the machine has out of the test.
        env.put("AWS_CONFIG_FILE", home.resolve("config").toString());
        env.put("AWS_SHARED_CREDENTIALS_FILE", home.resolve("credentials").toString());
        env.put("PYTHONIOENCODING", "utf-8");
        Path out = home.resolve("stdout");
        Path err = home.resolve("stderr");
        Process process = builder.redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new AssertionError("aws " + String.join(" ", args) + " did not finish within 120 s");
        }
        return new CliResult(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8), Files.readString(err, StandardCharsets.UTF_8));
    }
}
