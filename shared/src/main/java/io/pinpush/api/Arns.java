package io.pinpush.api;

import java.util.regex.Pattern;

/** ARNs in Pinpoint's own format, so IAM policies written for Pinpoint keep their meaning. */
public final class Arns {

    private static final Pattern ROLE_ARN = Pattern.compile("arn:aws[a-z-]*:iam::\\d{12}:role/[\\w+=,.@/-]{1,512}");

    private final String region;
    private final String accountId;

    public Arns(String region, String accountId) {
        this.region = region;
        this.accountId = accountId;
    }

    public String app(String appId) {
        return prefix() + "apps/" + appId;
    }

    public String appChild(String appId, String kind, String id) {
        return app(appId) + "/" + kind + "/" + id;
    }

    public String template(String name, String type) {
        return prefix() + "templates/" + name + "/" + type;
    }

    /**
     * BadRequestException unless {@code roleArn} is an IAM role's ARN (a role Pinpush assumes: an event destination's,
     * an import or export job's); null passes, for the members that are optional.
     */
    public static void requireRoleArn(String member, String roleArn) {
        if (roleArn != null && !ROLE_ARN.matcher(roleArn).matches()) {
            throw ApiError.badRequest(member + " must be an IAM role ARN (arn:aws:iam::<account>:role/<name>), got "
                    + roleArn);
        }
    }

    private String prefix() {
        return "arn:aws:mobiletargeting:" + region + ":" + accountId + ":";
    }
}
