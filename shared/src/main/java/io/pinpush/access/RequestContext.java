package io.pinpush.access;

import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * What a policy is evaluated against: the action ({@code mobiletargeting:SendMessages}), the resource ARN, and the
 * values of the condition keys Pinpush supports.
 *
 * @param resourceTags the resource's tags (asked only when a condition needs them: it costs a read); empty when the
 *                     resource has none or does not exist
 * @param requestTags  the tags the request sets (a create's {@code tags}, TagResource's), or null when it sets none
 * @param tagKeys      the tag keys the request names (those it sets, or UntagResource's {@code tagKeys}), or null
 */
public record RequestContext(String action, String resource, Supplier<Map<String, String>> resourceTags,
                             Map<String, String> requestTags, List<String> tagKeys) {

    private static final String RESOURCE_TAG = "aws:resourcetag/";
    private static final String REQUEST_TAG = "aws:requesttag/";

    /** A context with no tags at all (most operations). */
    public static RequestContext of(String action, String resource) {
        return new RequestContext(action, resource, Map::of, null, null);
    }

    /**
     * The values of a condition key in this request, or null when the key is absent. Condition key names are
     * case-insensitive as in IAM; the tag key after the slash keeps its case.
     */
    List<String> values(String conditionKey) {
        String lower = conditionKey.toLowerCase(java.util.Locale.ROOT);
        if (lower.startsWith(RESOURCE_TAG)) {
            return single(resourceTags.get(), conditionKey.substring(RESOURCE_TAG.length()));
        }
        if (lower.startsWith(REQUEST_TAG)) {
            return requestTags == null ? null : single(requestTags, conditionKey.substring(REQUEST_TAG.length()));
        }
        if (lower.equals("aws:tagkeys")) {
            return tagKeys;
        }
        return null;
    }

    private static List<String> single(Map<String, String> tags, String key) {
        String value = tags == null ? null : tags.get(key);
        return value == null ? null : List.of(value);
    }
}
