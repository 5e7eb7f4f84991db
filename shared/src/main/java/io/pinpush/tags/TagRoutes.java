package io.pinpush.tags;

import io.pinpush.api.Route;
import java.util.List;

/**
 * TagResource, UntagResource and ListTagsForResource. The ARN is one path segment with its slashes and colons
 * percent-encoded, as the SDKs send it; API Gateway's route uses a greedy variable so it matches either way.
 */
public final class TagRoutes {

    private static final String PATH = "/v1/tags/{resource-arn}";
    private static final String ARN = "resource-arn";

    private TagRoutes() {
    }

    public static List<Route> routes(TagService tags) {
        return List.of(
                Route.of("TagResource", "POST", PATH, 204, req -> {
                    tags.tag(req.pathParam(ARN), TagsModel.requireTags(req.body(TagsModel.class)).tags());
                    return null;
                }),
                Route.of("UntagResource", "DELETE", PATH, 204, req -> {
                    tags.untag(req.pathParam(ARN), req.queryParams("tagKeys"));
                    return null;
                }),
                Route.of("ListTagsForResource", "GET", PATH, 200,
                        req -> new TagsModel(tags.list(req.pathParam(ARN)))));
    }
}
