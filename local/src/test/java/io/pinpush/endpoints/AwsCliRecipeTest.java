package io.pinpush.endpoints;

import io.pinpush.testing.RecipeScripts;
import io.pinpush.testing.RecipeScripts.Result;

import static io.pinpush.endpoints.Fixtures.get;
import static io.pinpush.endpoints.Fixtures.newApp;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.util.List;
import java.util.Map;
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

        Result result = RecipeScripts.run("/recipes/004-step4-create-user-endpoints.sh",
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

}
