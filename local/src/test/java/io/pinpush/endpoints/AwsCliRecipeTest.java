package io.pinpush.endpoints;

import static io.pinpush.endpoints.Fixtures.get;
import static io.pinpush.endpoints.Fixtures.newApp;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;

/** The customer's recipe (seed 004), step 4, run with the real AWS CLI against Pinpush. */
@ExtendWith(PinpushExtension.class)
class AwsCliRecipeTest {

    @Test
    void recipeStepFourCreatesTheIosAndAndroidUserEndpoints(PinpointClient pinpoint, LocalServer server) throws Exception {
        String app = newApp(pinpoint);

        Result result = run(Path.of(getClass().getResource("/recipes/004-step4-create-user-endpoints.sh").toURI()),
                Map.of("PINPOINT_APP_ID", app, "AWS_REGION", "us-east-1",
                        "PINPUSH_ENDPOINT_URL", server.endpoint().toString()));

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("\"Message\": \"Accepted\"").contains("Created user endpoints");

        EndpointResponse ios = get(pinpoint, app, "ios-user-001");
        assertThat(ios.channelType()).isEqualTo(ChannelType.APNS);
        assertThat(ios.address()).isEqualTo("device-token-ios-user-001");
        assertThat(ios.attributes()).isEqualTo(Map.of("PlatformType", List.of("iOS"), "AppVersion", List.of("1.0.0")));
        assertThat(ios.demographic().platform()).isEqualTo("iOS");
        assertThat(ios.demographic().platformVersion()).isEqualTo("15.0");
        assertThat(ios.location().city()).isEqualTo("Seattle");
        assertThat(ios.user().userId()).isEqualTo("user-001");
        assertThat(ios.user().userAttributes()).isEqualTo(Map.of("PurchaseHistory", List.of("high-value"),
                "Category", List.of("electronics")));
        assertThat(ios.endpointStatus()).isEqualTo("ACTIVE");

        EndpointResponse android = get(pinpoint, app, "android-user-002");
        assertThat(android.channelType()).isEqualTo(ChannelType.GCM);
        assertThat(android.address()).isEqualTo("device-token-android-user-002");
        assertThat(android.location().city()).isEqualTo("San Francisco");
        assertThat(android.user().userAttributes()).containsEntry("Category", List.of("clothing"));
        assertThat(pinpoint.getUserEndpoints(b -> b.applicationId(app).userId("user-002")).endpointsResponse().item())
                .extracting(EndpointResponse::id).containsExactly("android-user-002");
    }

    private record Result(int exitCode, String output) {
    }

    private static Result run(Path script, Map<String, String> variables) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder("bash", script.toString()).redirectErrorStream(true);
        builder.environment().putAll(variables);
        builder.environment().putAll(Map.of("AWS_ACCESS_KEY_ID", "test", "AWS_SECRET_ACCESS_KEY", "test",
                "AWS_DEFAULT_REGION", "us-east-1", "AWS_PAGER", ""));
        // Keep the CLI away from any profile or config file of the machine running the tests.
        builder.environment().put("AWS_CONFIG_FILE", "/dev/null");
        builder.environment().put("AWS_SHARED_CREDENTIALS_FILE", "/dev/null");
        builder.environment().remove("AWS_PROFILE");
        builder.environment().remove("AWS_SESSION_TOKEN");
        Process process = builder.start();
        byte[] output = process.getInputStream().readAllBytes();
        if (!process.waitFor(2, TimeUnit.MINUTES)) {
            process.destroyForcibly();
            throw new AssertionError("The AWS CLI did not finish within 2 minutes");
        }
        return new Result(process.exitValue(), new String(output, StandardCharsets.UTF_8));
    }
}
