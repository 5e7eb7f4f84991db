package io.pinpush.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP call as the router sees it, whatever carried it (API Gateway, the local server, a test).
 *
 * @param headers    header names in lower case
 * @param query      query parameters; a name may repeat ({@code tagKeys=a&tagKeys=b})
 * @param pathParams filled in by the router from the matched route's template
 * @param caller     who signed the request (an IAM principal ARN, or "anonymous" locally)
 */
public record ApiRequest(
        String method,
        String path,
        Map<String, String> headers,
        Map<String, List<String>> query,
        String body,
        Map<String, String> pathParams,
        String requestId,
        String sourceIp,
        String caller) {

    public ApiRequest {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
        pathParams = Map.copyOf(pathParams);
        body = body == null ? "" : body;
    }

    ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, headers, query, body, params, requestId, sourceIp, caller);
    }

    /** A path parameter of the matched route, such as {@code application-id}. */
    public String pathParam(String name) {
        String value = pathParams.get(name);
        if (value == null || value.isEmpty()) {
            throw ApiError.badRequest("Path parameter " + name + " is required");
        }
        return value;
    }

    public Optional<String> queryParam(String name) {
        List<String> values = query.get(name);
        return values == null || values.isEmpty() ? Optional.empty() : Optional.of(values.get(0));
    }

    public List<String> queryParams(String name) {
        return query.getOrDefault(name, List.of());
    }

    public Optional<String> header(String lowerCaseName) {
        return Optional.ofNullable(headers.get(lowerCaseName));
    }

    /** The body as the operation's payload shape; any client mistake becomes a BadRequestException. */
    public <T> T body(Class<T> payloadType) {
        return RequestBodies.read(body, payloadType);
    }

    /** Parsed {@code page-size} and {@code token} query parameters, validated. */
    public PageRequest page() {
        return page("token");
    }

    /** Parsed {@code page-size} and a differently named token parameter (the template listings use {@code next-token}). */
    public PageRequest page(String tokenParameter) {
        return PageRequest.from(queryParam("page-size"), queryParam(tokenParameter));
    }
}
