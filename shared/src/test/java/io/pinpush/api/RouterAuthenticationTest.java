package io.pinpush.api;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RouterAuthenticationTest {

    private final List<String> seen = new ArrayList<>();
    private final Route getApp = Route.of("GetApp", "GET", "/v1/apps/{application-id}", 200,
            req -> Map.of("Caller", req.caller()));

    private static ApiRequest request(String path) {
        return new ApiRequest("GET", path, Map.of(), Map.of(), "", Map.of(), "req-1", "127.0.0.1", ApiRequest.ANONYMOUS);
    }

    @Test
    void guardsHandlersAndObserversSeeTheAuthenticatedCaller() {
        Router router = new Router(List.of(getApp), req -> req.withCaller("key-1"),
                List.of((route, req) -> seen.add("guard:" + req.caller())),
                List.of((route, req, res) -> seen.add("observer:" + req.caller())));

        ApiResponse response = router.handle(request("/v1/apps/a1"));

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.body()).contains("\"Caller\":\"key-1\"");
        assertThat(seen).containsExactly("guard:key-1", "observer:key-1");
    }

    @Test
    void aRefusedCallerIsForbiddenBeforeRoutingAndNothingRunsOrIsObserved() {
        Router router = new Router(List.of(getApp), req -> {
            throw ApiError.forbidden("The security token included in the request is invalid");
        }, List.of((route, req) -> seen.add("guard")), List.of((route, req, res) -> seen.add("observer")));

        ApiResponse known = router.handle(request("/v1/apps/a1"));
        ApiResponse unknown = router.handle(request("/v1/nowhere"));

        assertThat(known.status()).isEqualTo(403);
        assertThat(known.headers()).containsEntry("X-Amzn-ErrorType", "ForbiddenException");
        assertThat(unknown.status()).as("no hint which paths exist").isEqualTo(403);
        assertThat(seen).isEmpty();
    }

    @Test
    void aRequestMadeInCodeGetsItsRawQueryStringRebuilt() {
        ApiRequest request = new ApiRequest("GET", "/v1/x", Map.of(), Map.of("tagKeys", List.of("a b")), "", Map.of(),
                "r", null, ApiRequest.ANONYMOUS);
        assertThat(request.rawQuery()).isEqualTo("tagKeys=a%20b");
    }
}
