package io.pinpush.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.ApiError;
import io.pinpush.api.ApiRequest;
import io.pinpush.api.Json;
import io.pinpush.api.Route;
import io.pinpush.api.Router;
import io.pinpush.tags.ResourceArn;
import io.pinpush.tags.TaggableResources;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Authorizes a call signed with a Pinpush access key against that key's policy: the action is
 * {@code mobiletargeting:<Operation>} ({@code pinpush:<Operation>} for the access-key routes), the resource the ARN
 * {@link ResourceArns} derives from the route. A refusal is IAM's: a 403 saying who may not do what on which resource.
 * IAM principals and anonymous callers (keys not enforced) pass: IAM or nobody decides for them.
 */
final class PolicyGuard implements Router.Guard {

    private final AccessKeyService keys;
    private final ResourceArns arns;
    private final TaggableResources taggable;
    private final String region;
    private final String accountId;

    PolicyGuard(AccessKeyService keys, TaggableResources taggable, String region, String accountId) {
        this.keys = keys;
        this.arns = new ResourceArns(region, accountId);
        this.taggable = taggable;
        this.region = region;
        this.accountId = accountId;
    }

    @Override
    public void admit(Route route, ApiRequest request) {
        Optional<String> accessKeyId = AccessKeyCallers.keyId(request.caller());
        if (accessKeyId.isEmpty()) {
            return;
        }
        PolicyDocument policy = keys.policyOf(accessKeyId.get()).orElseThrow(() -> ApiError.forbidden(
                "The security token included in the request is invalid: unknown access key id " + accessKeyId.get()));
        String action = (AccessKeyRoutes.OPERATIONS.contains(route.operation()) ? Policies.ADMIN_NAMESPACE
                : "mobiletargeting") + ":" + route.operation();
        String resource = arns.of(route, request);
        Map<String, String> requestTags = requestTags(request);
        RequestContext context = new RequestContext(action, resource, () -> resourceTags(resource), requestTags,
                tagKeys(route, request, requestTags));
        PolicyEvaluator.Decision decision = PolicyEvaluator.evaluate(policy, context);
        if (decision != PolicyEvaluator.Decision.ALLOW) {
            throw ApiError.forbidden("User: " + request.caller() + " is not authorized to perform: " + action
                    + " on resource: " + resource + (decision == PolicyEvaluator.Decision.EXPLICIT_DENY
                    ? " with an explicit deny in its policy" : " because no statement of its policy allows it"));
        }
    }

    /**
     * The resource's own tags; for what Pinpoint does not tag itself (endpoints, channels, messages, events of an
     * app), the app's tags, so {@code aws:ResourceTag} conditions can scope every call on an app.
     */
    private Map<String, String> resourceTags(String resource) {
        Optional<ResourceArn> arn = parse(resource);
        if (arn.isEmpty()) {
            int child = resource.indexOf('/', resource.indexOf(":apps/") + ":apps/".length());
            arn = resource.contains(":apps/") && child > 0 ? parse(resource.substring(0, child)) : Optional.empty();
        }
        return arn.flatMap(taggable::tagsOf).orElse(Map.of());
    }

    private Optional<ResourceArn> parse(String resource) {
        try {
            return Optional.of(ResourceArn.parse(resource, region, accountId));
        } catch (ApiError notTaggable) {
            return Optional.empty();
        }
    }

    /** The {@code tags} a create or TagResource body sets; null when it sets none (or is not JSON: the route says so). */
    private static Map<String, String> requestTags(ApiRequest request) {
        if (!request.body().contains("ags\"")) {
            return null;
        }
        try {
            JsonNode body = Json.mapper().readTree(request.body());
            JsonNode tags = body == null ? null : body.has("tags") ? body.get("tags") : body.get("Tags");
            if (tags == null || !tags.isObject()) {
                return null;
            }
            Map<String, String> out = new LinkedHashMap<>();
            for (Iterator<Map.Entry<String, JsonNode>> it = tags.fields(); it.hasNext(); ) {
                Map.Entry<String, JsonNode> tag = it.next();
                out.put(tag.getKey(), tag.getValue().asText());
            }
            return out;
        } catch (Exception notJson) {
            return null;
        }
    }

    private static List<String> tagKeys(Route route, ApiRequest request, Map<String, String> requestTags) {
        List<String> keys = new ArrayList<>();
        if (requestTags != null) {
            keys.addAll(requestTags.keySet());
        }
        if (route.operation().equals("UntagResource")) {
            keys.addAll(request.queryParams("tagKeys"));
        }
        return keys.isEmpty() ? null : keys;
    }
}
