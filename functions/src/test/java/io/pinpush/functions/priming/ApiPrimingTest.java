package io.pinpush.functions.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.Pinpush;
import io.pinpush.api.Route;
import io.pinpush.api.Router;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.functions.ApiHandler;
import io.pinpush.secrets.FileSecretStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ApiPrimingTest {

    @Test
    void representativePayloadsRoundTrip() {
        ApiPriming.json();
    }

    @Test
    void primingRequestsAreAnsweredWithoutAnyStore(@TempDir Path secrets) throws IOException {
        PinpushConfig config = new PinpushConfig(Map.of("PINPUSH_LOCAL_CREDENTIALS", "true",
                "PINPUSH_ENDPOINT_DYNAMODB", unreachableDynamoDb()));
        try (AwsClients aws = new AwsClients(config)) {
            Router router = new Pinpush(config, aws, new FileSecretStore(secrets), Clock.systemUTC()).apiRouter();
            // As ApiHandler primes: without the quota guard and the audit trail, which would write.
            ApiHandler handler = new ApiHandler(router.withoutGuardsOrObservers());

            ApiPriming.httpApi(event -> handler.handle(event, new TestContext()));
        }
    }

    @Test
    void withAccessKeysEnforcedPrimingStopsAtAuthenticationWithoutAnyStore(@TempDir Path secrets) throws IOException {
        PinpushConfig config = new PinpushConfig(Map.of("PINPUSH_LOCAL_CREDENTIALS", "true",
                "PINPUSH_ENDPOINT_DYNAMODB", unreachableDynamoDb(), "PINPUSH_AUTH_MODE", "keys"));
        try (AwsClients aws = new AwsClients(config)) {
            Router router = new Pinpush(config, aws, new FileSecretStore(secrets), Clock.systemUTC()).apiRouter();
            ApiHandler handler = new ApiHandler(router);

            ApiPriming.httpApi(event -> handler.handle(event, new TestContext()), true);
            assertThatThrownBy(() -> ApiPriming.httpApi(event -> handler.handle(event, new TestContext())))
                    .as("unsigned requests never reach validation").hasMessageContaining("answered 403");
        }
    }

    @Test
    void primingNoticesARequestThatGotFurtherThanValidation() {
        Router accepting = new Router(List.of(Route.of("CreateApp", "POST", "/v1/apps", 201, req -> Map.of())));
        ApiHandler handler = new ApiHandler(accepting);

        assertThatThrownBy(() -> ApiPriming.httpApi(event -> handler.handle(event, new TestContext())))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 201");
        assertThat(ApiPriming.event("GET", "/v1/apps", null).getRequestContext().getHttp().getMethod()).isEqualTo("GET");
    }

    /** A port nothing listens on: a priming request that reached the store would be a 500. */
    private static String unreachableDynamoDb() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return "http://127.0.0.1:" + socket.getLocalPort();
        }
    }
}
