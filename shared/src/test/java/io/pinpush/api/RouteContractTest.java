package io.pinpush.api;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.Pinpush;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.secrets.FileSecretStore;
import java.nio.file.Path;
import java.time.Clock;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Every route Pinpush serves is an operation of the Pinpoint model, with the model's method, path and success code. */
class RouteContractTest {

    /** Operations Pinpush adds to Pinpoint's API; each is documented in the README under "Extensions". */
    static final Set<String> EXTENSIONS = java.util.stream.Stream.concat(
            Set.of("GetSegmentSize", "GetMessageReport", "GetApplicationAuditEvents", "GetAccountAuditEvents",
                    "GetApplicationQuotas", "UpdateApplicationQuotas").stream(),
            io.pinpush.access.AccessKeyRoutes.OPERATIONS.stream()).collect(java.util.stream.Collectors.toUnmodifiableSet());

    @Test
    void everyRouteMatchesTheServiceModel(@TempDir Path secrets) {
        PinpushConfig config = new PinpushConfig(Map.of("PINPUSH_LOCAL_CREDENTIALS", "true"));
        List<Route> routes = new Pinpush(config, new AwsClients(config), new FileSecretStore(secrets), Clock.systemUTC())
                .apiRoutes();
        assertThat(routes).isNotEmpty();

        Set<String> seen = new HashSet<>();
        for (Route route : routes) {
            assertThat(seen.add(route.operation())).as("%s routed once", route.operation()).isTrue();
            if (EXTENSIONS.contains(route.operation())) {
                continue;
            }
            JsonNode http = ServiceModel.get().operation(route.operation())
                    .orElseThrow(() -> new AssertionError(route.operation() + " is not a Pinpoint operation"))
                    .path("http");
            assertThat(route.method()).as("%s method", route.operation()).isEqualTo(http.path("method").asText());
            assertThat(route.path().template()).as("%s path", route.operation()).isEqualTo(http.path("requestUri").asText());
            assertThat(route.successStatus()).as("%s success code", route.operation())
                    .isEqualTo(http.path("responseCode").asInt(200));
        }
    }
}
