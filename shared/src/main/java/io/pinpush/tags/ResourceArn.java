package io.pinpush.tags;

import io.pinpush.api.ApiError;
import java.util.List;

/**
 * A taggable resource named by its Pinpoint ARN: {@code apps/{id}}, {@code apps/{id}/segments/{id}},
 * {@code apps/{id}/campaigns/{id}} or {@code templates/{name}/PUSH} after {@code arn:aws:mobiletargeting:region:account:}.
 *
 * @param appId the app (null for templates, which belong to the account)
 * @param id    the segment or campaign id, or the template name (null for an app)
 */
public record ResourceArn(String arn, ResourceType type, String appId, String id) {

    private static final String SERVICE = "arn:aws:mobiletargeting:";

    /** What can carry tags in Pinpoint, and so in Pinpush. */
    public enum ResourceType { APPS, SEGMENTS, CAMPAIGNS, TEMPLATES }

    /**
     * The resource {@code arn} names. Not an ARN of Pinpoint at all: BadRequestException. A Pinpoint ARN of another
     * region or account, or of a kind of resource that cannot be tagged here: NotFoundException, as no such resource
     * exists in this deployment.
     */
    public static ResourceArn parse(String arn, String region, String accountId) {
        if (arn == null || !arn.startsWith(SERVICE) || arn.length() > 1600) {
            throw ApiError.badRequest("resource-arn must be an Amazon Pinpoint ARN (arn:aws:mobiletargeting:...), got '"
                    + shorten(arn) + "'");
        }
        String ours = SERVICE + region + ":" + accountId + ":";
        if (!arn.startsWith(ours)) {
            throw notFound(arn);
        }
        List<String> parts = List.of(arn.substring(ours.length()).split("/", -1));
        if (parts.stream().anyMatch(String::isEmpty)) {
            throw notFound(arn);
        }
        if (parts.size() == 2 && parts.get(0).equals("apps")) {
            return new ResourceArn(arn, ResourceType.APPS, parts.get(1), null);
        }
        if (parts.size() == 4 && parts.get(0).equals("apps") && parts.get(2).equals("segments")) {
            return new ResourceArn(arn, ResourceType.SEGMENTS, parts.get(1), parts.get(3));
        }
        if (parts.size() == 4 && parts.get(0).equals("apps") && parts.get(2).equals("campaigns")) {
            return new ResourceArn(arn, ResourceType.CAMPAIGNS, parts.get(1), parts.get(3));
        }
        if (parts.size() == 3 && parts.get(0).equals("templates") && parts.get(2).equals("PUSH")) {
            return new ResourceArn(arn, ResourceType.TEMPLATES, null, parts.get(1));
        }
        throw notFound(arn);
    }

    static ApiError notFound(String arn) {
        return ApiError.notFound("Resource " + shorten(arn) + " not found");
    }

    private static String shorten(String value) {
        return value == null ? "" : value.length() > 200 ? value.substring(0, 200) + "..." : value;
    }
}
