package io.pinpush.api;

/** ARNs in Pinpoint's own format, so IAM policies written for Pinpoint keep their meaning. */
public final class Arns {

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

    private String prefix() {
        return "arn:aws:mobiletargeting:" + region + ":" + accountId + ":";
    }
}
