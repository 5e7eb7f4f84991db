package io.pinpush.quotas;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.RawHttp;
import io.pinpush.testing.PinpushExtension;
import java.net.http.HttpResponse;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.retry.RetryPolicy;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.TooManyRequestsException;

/** Per-app quotas through the real local server: the extension routes, and what the AWS SDK sees over a quota. */
@ExtendWith(PinpushExtension.class)
class QuotaApiTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void anAppsQuotasArePinpointsDefaultsUntilItSetsItsOwn(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);
        JsonNode defaults = send(server, "GET", appId, null, 200);
        assertThat(defaults.path("ApplicationId").asText()).isEqualTo(appId);
        JsonNode rates = defaults.path("RequestsPerSecond");
        assertThat(rates.path("SendMessages").asInt()).isEqualTo(4000);
        assertThat(rates.path("SendUsersMessages").asInt()).isEqualTo(6000);
        assertThat(rates.path("GetEndpoint").asInt()).isEqualTo(7000);
        assertThat(rates.path("PutEvents").asInt()).isEqualTo(7000);
        assertThat(rates.path("UpdateEndpoint").asInt()).isEqualTo(5000);
        assertThat(rates.path("UpdateEndpointsBatch").asInt()).isEqualTo(5000);
        assertThat(rates.path("DeleteEndpoint").asInt()).isEqualTo(1000);
        assertThat(rates.path("CreateSegment").asInt()).isEqualTo(25);
        assertThat(rates.path("UpdateSegment").asInt()).isEqualTo(25);
        assertThat(rates.path("GetSegments").asInt()).isEqualTo(300);
        assertThat(rates.has("CreateApp")).as("account-level operations have no app quota").isFalse();
        assertThat(defaults.path("Overrides").size()).isZero();

        JsonNode updated = send(server, "PUT", appId, "{\"RequestsPerSecond\":{\"CreateSegment\":5,\"SendMessages\":100}}", 200);
        assertThat(updated.path("RequestsPerSecond").path("CreateSegment").asInt()).isEqualTo(5);
        assertThat(updated.path("Overrides").path("SendMessages").asInt()).isEqualTo(100);
        assertThat(send(server, "GET", appId, null, 200)).isEqualTo(updated);

        for (String bad : List.of("{\"RequestsPerSecond\":{\"CreateApp\":5}}", "{\"RequestsPerSecond\":{\"Nope\":5}}",
                "{\"RequestsPerSecond\":{\"CreateSegment\":0}}", "{\"RequestsPerSecond\":{\"CreateSegment\":100001}}",
                "{\"RequestsPerSecond\":{\"CreateSegment\":\"many\"}}", "{}", "{\"RequestsPerSecond\":")) {
            send(server, "PUT", appId, bad, 400);
        }
        assertThat(send(server, "GET", appId, null, 200)).as("nothing written by a bad request").isEqualTo(updated);

        send(server, "PUT", appId, "{\"RequestsPerSecond\":{}}", 200);
        assertThat(send(server, "GET", appId, null, 200).path("RequestsPerSecond").path("CreateSegment").asInt())
                .as("back to Pinpoint's default").isEqualTo(25);
        send(server, "GET", "no-such-app", null, 404);
        send(server, "PUT", "no-such-app", "{\"RequestsPerSecond\":{\"CreateSegment\":5}}", 404);
    }

    @Test
    void anAppsOwnLimitsAreDeletedWithTheApp(PinpointClient pinpoint, LocalServer server) {
        String appId = newApp(pinpoint);
        send(server, "PUT", appId, "{\"RequestsPerSecond\":{\"CreateSegment\":5}}", 200);
        assertThat(storedLimits(server, appId)).isNotEmpty();

        pinpoint.deleteApp(b -> b.applicationId(appId));

        assertThat(storedLimits(server, appId)).isEmpty();
    }

    private static java.util.Map<String, software.amazon.awssdk.services.dynamodb.model.AttributeValue> storedLimits(
            LocalServer server, String appId) {
        String table = server.pinpush().config().tableName(io.pinpush.store.Tables.APPS.logicalName());
        return server.pinpush().aws().dynamoDb().getItem(b -> b.tableName(table).consistentRead(true).key(java.util.Map.of(
                "pk", io.pinpush.store.Items.s(appId), "sk", io.pinpush.store.Items.s("quotas")))).item();
    }

    @Test
    void overTheQuotaTheSdkSeesTooManyRequestsAndEachSecondAdmitsTheLimit(PinpointClient pinpoint, LocalServer server)
            throws Exception {
        String appId = newApp(pinpoint);
        send(server, "PUT", appId, "{\"RequestsPerSecond\":{\"CreateSegment\":5}}", 200);
        int calls = 40;

        List<Future<Boolean>> outcomes = new ArrayList<>();
        long firstSecond;
        long lastSecond;
        ExecutorService threads = Executors.newFixedThreadPool(8);
        try (PinpointClient noRetries = noRetries(server)) {
            firstSecond = Instant.now().getEpochSecond();
            for (int i = 0; i < calls; i++) {
                String name = "burst-" + i;
                outcomes.add(threads.submit(() -> {
                    try {
                        noRetries.createSegment(b -> b.applicationId(appId).writeSegmentRequest(w -> w.name(name)));
                        return true;
                    } catch (TooManyRequestsException refused) {
                        assertThat(refused.statusCode()).isEqualTo(429);
                        assertThat(refused.getMessage()).contains("CreateSegment").contains("5 requests per second");
                        return false;
                    }
                }));
            }
            List<Boolean> admitted = new ArrayList<>();
            for (Future<Boolean> outcome : outcomes) {
                admitted.add(outcome.get());
            }
            lastSecond = Instant.now().getEpochSecond();
            long windows = lastSecond - firstSecond + 1;
            long created = admitted.stream().filter(a -> a).count();
            // The server's clock is this machine's: every call fell in one of these windows, each admitting 5.
            assertThat(created).as("%d calls over %d second windows", calls, windows)
                    .isLessThanOrEqualTo(5 * windows).isGreaterThanOrEqualTo(5);
            assertThat(calls - created).as("refused").isGreaterThanOrEqualTo(calls - 5 * windows);
            assertThat(pinpoint.getSegments(b -> b.applicationId(appId)).segmentsResponse().item()).hasSize((int) created);
        } finally {
            threads.shutdownNow();
        }
    }

    private static PinpointClient noRetries(LocalServer server) {
        return PinpointClient.builder()
                .endpointOverride(server.endpoint())
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create())
                .overrideConfiguration(c -> c.retryPolicy(RetryPolicy.none()))
                .build();
    }

    private static JsonNode send(LocalServer server, String method, String appId, String body, int status) {
        HttpResponse<String> response = RawHttp.send(server.endpoint(), method, "/v1/apps/" + appId + "/quotas", body);
        assertThat(response.statusCode()).as("%s %s: %s", method, body, response.body()).isEqualTo(status);
        try {
            return JSON.readTree(response.body());
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static String newApp(PinpointClient pinpoint) {
        return pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("quota-api"))).applicationResponse().id();
    }
}
