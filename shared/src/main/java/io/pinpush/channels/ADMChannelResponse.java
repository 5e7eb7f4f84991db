package io.pinpush.channels;

/** Pinpoint's ADMChannelResponse. */
public record ADMChannelResponse(
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
