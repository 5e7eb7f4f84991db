package io.pinpush.api;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * One HTTP call as the router sees it, whatever carried it (API Gateway, the local server, a test).
 *
 * @param headers    header names in lower case
 * @param query      query parameters; a name may repeat ({@code tagKeys=a&tagKeys=b})
 * @param path       the path as it arrived, still percent-encoded (SigV4 signs it that way)
 * @param pathParams filled in by the router from the matched route's template
 * @param caller     who made the request: the IAM principal ARN API Gateway verified, the ARN of the Pinpush
 *                   access key whose signature the router's {@link Router.Authenticator} verified
 *                   ({@code arn:aws:mobiletargeting:{region}:{account}:pinpush-key/{accessKeyId}}), or
 *                   {@value #ANONYMOUS} when nothing verified one (the local server without key enforcement)
 * @param rawQuery   the query string as it arrived, still percent-encoded, without the {@code ?}
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
        String caller,
        String rawQuery) {

    /** The caller of a request nobody authenticated. */
    public static final String ANONYMOUS = "anonymous";

    public ApiRequest {
        headers = Map.copyOf(headers);
        query = Map.copyOf(query);
        pathParams = Map.copyOf(pathParams);
        body = body == null ? "" : body;
        rawQuery = rawQuery == null ? "" : rawQuery;
    }

    /** A request made in code (tests, priming): its raw query string is rebuilt from the parsed parameters. */
    public ApiRequest(String method, String path, Map<String, String> headers, Map<String, List<String>> query,
                      String body, Map<String, String> pathParams, String requestId, String sourceIp, String caller) {
        this(method, path, headers, query, body, pathParams, requestId, sourceIp, caller, encode(query));
    }

    ApiRequest withPathParams(Map<String, String> params) {
        return new ApiRequest(method, path, headers, query, body, params, requestId, sourceIp, caller, rawQuery);
    }

    /** The same request, made by {@code verifiedCaller}: what an {@link Router.Authenticator} answers. */
    public ApiRequest withCaller(String verifiedCaller) {
        return new ApiRequest(method, path, headers, query, body, pathParams, requestId, sourceIp, verifiedCaller,
                rawQuery);
    }

    private static String encode(Map<String, List<String>> query) {
        StringBuilder raw = new StringBuilder();
        query.forEach((name, values) -> values.forEach(value -> raw.append(raw.isEmpty() ? "" : "&")
                .append(java.net.URLEncoder.encode(name, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))
                .append('=')
                .append(java.net.URLEncoder.encode(value, java.nio.charset.StandardCharsets.UTF_8).replace("+", "%20"))));
        return raw.toString();
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
