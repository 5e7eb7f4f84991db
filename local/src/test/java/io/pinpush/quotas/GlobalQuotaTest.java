package io.pinpush.quotas;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.ApiRequest;
import io.pinpush.api.Route;
import io.pinpush.api.Router;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.MutableClock;
import io.pinpush.testing.PinpushExtension;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/**
 * The quota guard as two Lambda instances run it: two routers, each with its own guard, counters and cache, sharing
 * the one quotas table in DynamoDB Local. Time is a clock the test moves, so second windows are exact.
 */
@ExtendWith(PinpushExtension.class)
class GlobalQuotaTest {

    private static final Route CREATE_SEGMENT = Route.of("CreateSegment", "POST", "/v1/apps/{application-id}/segments",
            201, req -> Map.of("Id", "s"));
    private static final Route GET_SEGMENTS = Route.of("GetSegments", "GET", "/v1/apps/{application-id}/segments",
            200, req -> Map.of());
    private static final Route CREATE_APP = Route.of("CreateApp", "POST", "/v1/apps", 201, req -> Map.of());

    private MutableClock clock;
    private Router first;
    private Router second;
    private QuotaService quotas;

    @BeforeEach
    void twoInstances(LocalServer server) {
        // Each test starts on its own second, far from any other test's counters.
        clock = new MutableClock(Instant.ofEpochSecond(1_800_000_000L + UUID.randomUUID().getLeastSignificantBits() % 1_000_000));
        quotas = service(server);
        first = instance(server);
        second = instance(server);
    }

    @Test
    void callsBeyondTheLimitInOneSecondAreRefusedWhicheverInstanceTheyReach(PinpointClient pinpoint) {
        String appId = newApp(pinpoint);
        quotas.update(appId, new QuotaService.UpdateQuotasRequest(Map.of("CreateSegment", 5)));

        for (int window = 0; window < 3; window++) {
            int admitted = 0;
            int refused = 0;
            for (int call = 0; call < 12; call++) {
                int status = (call % 2 == 0 ? first : second).handle(request("POST", appId)).status();
                if (status == 201) admitted++;
                if (status == 429) refused++;
            }
            assertThat(admitted).as("window %d: exactly the limit, across both instances", window).isEqualTo(5);
            assertThat(refused).as("window %d", window).isEqualTo(7);
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void callsAtTheRateAreNeverRefused(PinpointClient pinpoint) {
        String appId = newApp(pinpoint);
        quotas.update(appId, new QuotaService.UpdateQuotasRequest(Map.of("CreateSegment", 5)));

        for (int window = 0; window < 4; window++) {
            for (int call = 0; call < 5; call++) {
                assertThat((call % 2 == 0 ? first : second).handle(request("POST", appId)).status())
                        .as("window %d call %d", window, call).isEqualTo(201);
            }
            clock.advance(Duration.ofSeconds(1));
        }
    }

    @Test
    void anotherAppAndAnotherOperationAreUnaffected(PinpointClient pinpoint) {
        String limited = newApp(pinpoint);
        String other = newApp(pinpoint);
        quotas.update(limited, new QuotaService.UpdateQuotasRequest(Map.of("CreateSegment", 2)));
        for (int call = 0; call < 3; call++) {
            first.handle(request("POST", limited));
        }
        assertThat(second.handle(request("POST", limited)).status()).isEqualTo(429);

        for (int call = 0; call < 20; call++) {
            assertThat((call % 2 == 0 ? first : second).handle(request("POST", other)).status())
                    .as("the other app keeps Pinpoint's 25 per second").isEqualTo(201);
            assertThat(first.handle(request("GET", limited)).status()).as("another operation").isEqualTo(200);
        }
        assertThat(first.handle(request("POST", other)).status()).isEqualTo(201);
        for (int call = 0; call < 10; call++) {
            assertThat(second.handle(new ApiRequest("POST", "/v1/apps", Map.of(), Map.of(), "{}", Map.of(), "r", null,
                    "anonymous")).status()).as("account-level operations have no app quota").isEqualTo(201);
        }
    }

    @Test
    void busyInstancesTakePermitsInBlocksYetNeverExceedTheLimit(PinpointClient pinpoint) {
        String appId = newApp(pinpoint);
        quotas.update(appId, new QuotaService.UpdateQuotasRequest(Map.of("CreateSegment", 300)));

        int admitted = 0;
        for (int call = 0; call < 400; call++) {
            if ((call % 2 == 0 ? first : second).handle(request("POST", appId)).status() == 201) admitted++;
        }
        // Blocks left unused when the other instance took the last permits are lost, never handed out twice.
        assertThat(admitted).isLessThanOrEqualTo(300).isGreaterThanOrEqualTo(300 - 2 * QuotaCounters.MAX_BLOCK);
    }

    @Test
    void concurrentCallsOnTwoInstancesNeverExceedTheLimit(PinpointClient pinpoint) throws Exception {
        String appId = newApp(pinpoint);
        quotas.update(appId, new QuotaService.UpdateQuotasRequest(Map.of("CreateSegment", 50)));

        java.util.concurrent.ExecutorService threads = java.util.concurrent.Executors.newFixedThreadPool(8);
        try {
            List<java.util.concurrent.Future<Integer>> statuses = new java.util.ArrayList<>();
            for (int call = 0; call < 200; call++) {
                Router instance = call % 2 == 0 ? first : second;
                statuses.add(threads.submit(() -> instance.handle(request("POST", appId)).status()));
            }
            int admitted = 0;
            for (var status : statuses) {
                if (status.get() == 201) admitted++;
            }
            // Each instance gets more calls (100) than it could hold permits (50), so it spends every permit it took.
            assertThat(admitted).isEqualTo(50);
        } finally {
            threads.shutdownNow();
        }
    }

    private Router instance(LocalServer server) {
        QuotaGuard guard = new QuotaGuard(service(server),
                new QuotaCounters(server.pinpush().aws().dynamoDb(), server.pinpush().config()), clock);
        return new Router(List.of(CREATE_SEGMENT, GET_SEGMENTS, CREATE_APP), List.of(guard), List.of());
    }

    private QuotaService service(LocalServer server) {
        return new QuotaService(new QuotaStore(server.pinpush().aws().dynamoDb(), server.pinpush().config()),
                server.pinpush().apps(), clock, () -> Set.of("CreateSegment", "GetSegments"));
    }

    private static ApiRequest request(String method, String appId) {
        return new ApiRequest(method, "/v1/apps/" + appId + "/segments", Map.of(), Map.of(), "{}", Map.of(),
                UUID.randomUUID().toString(), "127.0.0.1", "anonymous");
    }

    private static String newApp(PinpointClient pinpoint) {
        return pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("quota"))).applicationResponse().id();
    }
}
