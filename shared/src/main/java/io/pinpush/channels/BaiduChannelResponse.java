package io.pinpush.channels;

/**
 * Pinpoint's BaiduChannelResponse without {@code Credential}: the model marks it required, but it would echo
 * the API key, and Pinpush never returns a credential. The AWS SDKs accept the response without it.
 */
public record BaiduChannelResponse(
        String applicationId,
        String creationDate,
        Boolean enabled,
        Boolean hasCredential,
        String id,
        Boolean isArchived,
        String lastModifiedBy,
        String lastModifiedDate,
        String platform,
        Integer version) {
}
