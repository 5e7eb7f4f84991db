package io.pinpush.functions.priming;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.pinpush.api.Json;
import io.pinpush.apps.ApplicationSettings;
import io.pinpush.apps.CreateApplicationRequest;
import io.pinpush.messaging.MessageRequest;
import io.pinpush.messaging.SendUsersMessageRequest;
import java.util.Map;
import java.util.function.Function;

/**
 * Warm-ups shared by the functions that answer Pinpoint API calls (the API and send functions).
 * None of them reaches a store: they exercise JSON mapping and the request path up to the point where
 * validation rejects the request.
 */
public final class ApiPriming {

    /** Representative request bodies, each valid for its shape, read and written back. */
    private static final Map<Class<?>, String> PAYLOADS = Map.of(
            CreateApplicationRequest.class, "{\"Name\":\"priming\",\"tags\":{\"team\":\"mobile\"}}",
            ApplicationSettings.class, "{\"QuietTime\":{\"Start\":\"22:00\",\"End\":\"08:00\"},"
                    + "\"Limits\":{\"Daily\":3,\"MessagesPerSecond\":100},\"CloudWatchMetricsEnabled\":true}",
            MessageRequest.class, "{\"Addresses\":{\"token\":{\"ChannelType\":\"GCM\"}},"
                    + "\"Context\":{\"k\":\"v\"},\"MessageConfiguration\":{\"GCMMessage\":{\"Title\":\"t\",\"Body\":\"b\","
                    + "\"Data\":{\"k\":\"v\"}},\"APNSMessage\":{\"Title\":\"t\",\"Body\":\"b\",\"Badge\":1}}}",
            SendUsersMessageRequest.class, "{\"Users\":{\"user-1\":{}},\"MessageConfiguration\":{"
                    + "\"DefaultPushNotificationMessage\":{\"Title\":\"t\",\"Body\":\"b\"}}}");

    private ApiPriming() {
    }

    /** Reads and writes each representative payload with the one ObjectMapper, building its serializers. */
    public static void json() {
        PAYLOADS.forEach((type, json) -> Json.write(Json.read(json, type)));
    }

    /**
     * Sends requests through the whole HTTP path (event conversion, routing, error mapping) that are
     * rejected before any store is read: a body of the wrong type, and a path no route serves.
     *
     * @throws IllegalStateException when an answer is not the expected client error, which would mean the
     *     request went further than priming may
     */
    public static void httpApi(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler) {
        httpApi(handler, false);
    }

    /**
     * As {@link #httpApi(Function)}; with Pinpush access keys enforced the unsigned requests stop earlier, at
     * authentication (403), which still runs event conversion, the verifier's refusal and error mapping.
     */
    public static void httpApi(Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, boolean keysEnforced) {
        expect(keysEnforced ? 403 : 400, handler.apply(event("POST", "/v1/apps", "{\"Name\":5}")));
        expect(keysEnforced ? 403 : 404, handler.apply(event("GET", "/v1/priming", null)));
    }

    private static void expect(int status, APIGatewayV2HTTPResponse response) {
        if (response.getStatusCode() != status) {
            throw new IllegalStateException("Priming request answered " + response.getStatusCode() + ", expected "
                    + status + ": " + response.getBody());
        }
    }

    static APIGatewayV2HTTPEvent event(String method, String path, String body) {
        return APIGatewayV2HTTPEvent.builder()
                .withVersion("2.0")
                .withRouteKey(method + " " + path)
                .withRawPath(path)
                .withRawQueryString("")
                .withHeaders(Map.of("content-type", "application/json", "user-agent", "pinpush-priming"))
                .withBody(body)
                .withIsBase64Encoded(false)
                .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                        .withRequestId("priming")
                        .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                .withMethod(method)
                                .withPath(path)
                                .withProtocol("HTTP/1.1")
                                .withSourceIp("127.0.0.1")
                                .build())
                        .build())
                .build();
    }
}
