package io.pinpush.channels;

/** Pinpoint's ChannelResponse: one channel's general settings in GetChannels. */
public record ChannelResponse(
        String applicationId,
        String creationDate,
        Boolean enabled,
        Boolean hasCredential,
        String id,
        Boolean isArchived,
        String lastModifiedBy,
        String lastModifiedDate,
        Integer version) {
}
