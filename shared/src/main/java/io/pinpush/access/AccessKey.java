package io.pinpush.access;

/**
 * A Pinpush access key's metadata, as stored ({@code accesskeys} table): never its secret, which lives in the
 * secret store under {@code secretName}.
 *
 * @param status       ACTIVE or INACTIVE; an INACTIVE key's signatures are refused
 * @param policy       the IAM-style policy document, as JSON
 * @param lastUsedDate when a request it signed was last verified (updated at most every few minutes)
 */
public record AccessKey(String accessKeyId, Status status, String description, String policy, String creationDate,
                        String lastUsedDate, String secretName) {

    public enum Status { ACTIVE, INACTIVE }

    AccessKey withStatus(Status newStatus) {
        return new AccessKey(accessKeyId, newStatus, description, policy, creationDate, lastUsedDate, secretName);
    }

    AccessKey withPolicy(String newPolicy) {
        return new AccessKey(accessKeyId, status, description, newPolicy, creationDate, lastUsedDate, secretName);
    }

    AccessKey withDescription(String newDescription) {
        return new AccessKey(accessKeyId, status, newDescription, policy, creationDate, lastUsedDate, secretName);
    }

    AccessKey withLastUsed(String when) {
        return new AccessKey(accessKeyId, status, description, policy, creationDate, when, secretName);
    }
}
