package io.pinpush.channels;

/**
 * Pinpoint's GCMChannelResponse without {@code Credential}: Pinpush never returns a credential, so the
 * model's member that would echo the server key is always omitted.
 */
public record GCMChannelResponse(
        String applicationId,
        String creationDate,
        String defaultAuthenticationMethod,
        Boolean enabled,
        Boolean hasCredential,
        Boolean hasFcmServiceCredentials,
        String id,
        Boolean isArchived,
        String lastModifiedBy,
        String lastModifiedDate,
        String platform,
        Integer version) {
}
