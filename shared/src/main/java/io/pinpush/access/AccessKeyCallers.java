package io.pinpush.access;

import java.util.Optional;

/**
 * The caller identity of a request signed with a Pinpush access key:
 * {@code arn:aws:mobiletargeting:{region}:{account}:access-keys/{accessKeyId}}, what {@code ApiRequest.caller()}
 * holds after verification (audit records and LastModifiedBy show it). IAM principals keep their own ARNs.
 */
public final class AccessKeyCallers {

    private static final String MARKER = ":access-keys/";

    private AccessKeyCallers() {
    }

    public static String arn(String region, String accountId, String accessKeyId) {
        return "arn:aws:mobiletargeting:" + region + ":" + accountId + MARKER + accessKeyId;
    }

    /** The access key id of a caller that signed with a Pinpush key; empty for IAM principals and anonymous calls. */
    public static Optional<String> keyId(String caller) {
        if (caller == null || !caller.startsWith("arn:aws:mobiletargeting:")) {
            return Optional.empty();
        }
        int at = caller.indexOf(MARKER);
        return at < 0 ? Optional.empty() : Optional.of(caller.substring(at + MARKER.length()));
    }
}
