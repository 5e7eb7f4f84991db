package io.pinpush.access;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/** The request and response bodies of Pinpush's access-key routes (an extension; see the README). */
public final class AccessKeyShapes {

    private AccessKeyShapes() {
    }

    /**
     * {@code Role} (ADMIN, READ_ONLY, APP_USER, SENDER, with {@code ApplicationId} for the last two) or {@code Policy}
     * (a policy document, as an object or as JSON text).
     */
    public record CreateAccessKeyRequest(String description, String role, String applicationId, JsonNode policy) {
    }

    /** Any of: {@code Status} ACTIVE|INACTIVE, {@code Description}, {@code Policy} (replaces the whole document). */
    public record UpdateAccessKeyRequest(String status, String description, JsonNode policy) {
    }

    /** A key as the administrator sees it; {@code SecretAccessKey} only in the answer that created or rotated it. */
    public record AccessKeyResponse(String accessKeyId, String status, String description, JsonNode policy,
                                    String creationDate, String lastUsedDate, String secretAccessKey) {

        @Override
        public String toString() {
            return "AccessKeyResponse[" + accessKeyId + ", " + status + "]";
        }
    }

    public record AccessKeysResponse(List<AccessKeyResponse> item) {
    }
}
