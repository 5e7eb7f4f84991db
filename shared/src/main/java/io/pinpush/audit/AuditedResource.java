package io.pinpush.audit;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.ApiRequest;
import io.pinpush.api.ApiResponse;
import io.pinpush.api.Json;
import io.pinpush.api.Route;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Names the resource a call acted on, in Pinpoint's ARN format, from the matched route and its path parameters:
 * {@code /v1/apps/{application-id}/channels/apns} becomes {@code arn:aws:mobiletargeting:<region>:<account>:apps/<id>/channels/apns},
 * as in Pinpoint's IAM action catalogue. Three refinements:
 * <ul>
 *   <li>a create answers with the new resource's {@code Arn} (CreateApp, CreateSegment, CreateTemplate...): that
 *       ARN, since the path named only the collection</li>
 *   <li>the tag routes name their resource in the path ({@code /v1/tags/{resource-arn}}): that ARN</li>
 *   <li>template ARNs end in the upper-case type ({@code templates/<name>/PUSH}), as Pinpoint writes them</li>
 * </ul>
 */
record AuditedResource(String arn, String appId) {

    private static final String SERVICE = "arn:aws:mobiletargeting:";
    private static final Pattern APP_IN_ARN = Pattern.compile("^arn:aws:mobiletargeting:[^:]*:[^:]*:apps/([^/]+)");
    private static final String APP_ID = "application-id";
    /** ARNs are bounded by IAM at 2048 characters; a longer path parameter is not a resource anyone can name. */
    private static final int MAX_ARN = 2048;

    static AuditedResource of(Route route, ApiRequest request, ApiResponse response, String region, String accountId) {
        String arn = createdArn(response).orElseGet(() -> pathArn(route, request, region, accountId));
        if (arn.length() > MAX_ARN) {
            arn = arn.substring(0, MAX_ARN);
        }
        String appId = request.pathParams().get(APP_ID);
        if (appId == null) {
            Matcher app = APP_IN_ARN.matcher(arn);
            appId = app.find() ? app.group(1) : null;
        }
        return new AuditedResource(arn, appId);
    }

    private static String pathArn(Route route, ApiRequest request, String region, String accountId) {
        List<String> segments = route.path().segments();
        StringBuilder resource = new StringBuilder();
        for (int i = 0; i < segments.size(); i++) {
            String segment = segments.get(i);
            if (i == 0 && segment.equals("v1")) {
                continue;
            }
            String value = segment;
            if (segment.startsWith("{")) {
                value = request.pathParams().getOrDefault(segment.substring(1, segment.length() - 1), "");
                if (value.startsWith(SERVICE)) {
                    return value;
                }
            }
            if (i > 0 && segments.get(i - 1).equals("{template-name}")) {
                value = value.toUpperCase(Locale.ROOT);
            }
            resource.append(resource.isEmpty() ? "" : "/").append(value);
        }
        return SERVICE + region + ":" + accountId + ":" + resource;
    }

    private static Optional<String> createdArn(ApiResponse response) {
        if (response.status() < 200 || response.status() >= 300 || response.body().isEmpty()
                || !response.body().contains("\"Arn\"")) {
            return Optional.empty();
        }
        try {
            JsonNode arn = Json.read(response.body(), JsonNode.class).path("Arn");
            return arn.isTextual() && arn.asText().startsWith(SERVICE)
                    ? Optional.of(arn.asText()) : Optional.empty();
        } catch (RuntimeException notJson) {
            return Optional.empty();
        }
    }
}
