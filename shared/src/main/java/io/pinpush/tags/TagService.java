package io.pinpush.tags;

import io.pinpush.api.ApiError;
import io.pinpush.api.Tags;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.UnaryOperator;

/**
 * TagResource, UntagResource and ListTagsForResource over every registered kind of resource. Each change is a
 * conditional write of the resource as read, retried from a fresh read when another change landed first, so two
 * concurrent tag changes both take effect. Limits (50 tags, keys of 1 to 128 characters, values of at most 256,
 * no {@code aws:} prefix) are checked on the result before anything is written.
 */
public final class TagService {

    static final int MAX_ATTEMPTS = 20;

    private final TaggableResources resources;
    private final String region;
    private final String accountId;

    public TagService(TaggableResources resources, String region, String accountId) {
        this.resources = resources;
        this.region = region;
        this.accountId = accountId;
    }

    public Map<String, String> list(String arn) {
        ResourceArn resource = parse(arn);
        return owner(resource).tags(resource).orElseThrow(() -> ResourceArn.notFound(arn));
    }

    /** Adds the tags, replacing the values of keys the resource already has. */
    public void tag(String arn, Map<String, String> tags) {
        Map<String, String> added = new LinkedHashMap<>(tags);
        change(arn, current -> {
            Map<String, String> merged = new LinkedHashMap<>(current);
            merged.putAll(added);
            return Tags.validated(merged);
        });
    }

    /** Removes the tags with these keys; keys the resource does not have are ignored, as in Pinpoint. */
    public void untag(String arn, Collection<String> keys) {
        if (keys.isEmpty()) {
            throw ApiError.badRequest("tagKeys is required: name at least one tag key to remove");
        }
        if (keys.size() > Tags.MAX_TAGS) {
            throw ApiError.badRequest("At most " + Tags.MAX_TAGS + " tagKeys can be removed at once, got " + keys.size());
        }
        change(arn, current -> {
            Map<String, String> remaining = new LinkedHashMap<>(current);
            remaining.keySet().removeAll(keys);
            return Tags.validated(remaining);
        });
    }

    private void change(String arn, UnaryOperator<Map<String, String>> change) {
        ResourceArn resource = parse(arn);
        TaggableResource owner = owner(resource);
        for (int attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
            switch (owner.changeTags(resource, change)) {
                case WRITTEN -> {
                    return;
                }
                case NOT_FOUND -> throw ResourceArn.notFound(arn);
                case CHANGED_MEANWHILE -> {
                    // re-read and apply again
                }
            }
        }
        throw ApiError.tooManyRequests("Resource " + arn + " is being changed by many requests at once; retry");
    }

    private ResourceArn parse(String arn) {
        return ResourceArn.parse(arn, region, accountId);
    }

    private TaggableResource owner(ResourceArn resource) {
        return resources.of(resource.type()).orElseThrow(() -> ResourceArn.notFound(resource.arn()));
    }
}
