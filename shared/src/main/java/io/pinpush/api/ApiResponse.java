package io.pinpush.api;

import java.util.Map;

/** What goes back over HTTP: a status, headers and a JSON body (empty for 204). */
public record ApiResponse(int status, Map<String, String> headers, String body) {

    public ApiResponse {
        headers = Map.copyOf(headers);
    }

    static ApiResponse json(int status, String requestId, String body) {
        return new ApiResponse(status, Map.of(
                "Content-Type", "application/json",
                "X-Amzn-RequestId", requestId), body);
    }

    static ApiResponse error(ApiError error, String requestId) {
        String body = Json.write(new ErrorBody(error.getMessage(), requestId));
        return new ApiResponse(error.type().status(), Map.of(
                "Content-Type", "application/json",
                "X-Amzn-RequestId", requestId,
                "X-Amzn-ErrorType", error.type().errorType()), body);
    }
}
