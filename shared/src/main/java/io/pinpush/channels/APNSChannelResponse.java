package io.pinpush.channels;

/**
 * Pinpoint's APNSChannelResponse; APNSSandboxChannelResponse, APNSVoipChannelResponse and
 * APNSVoipSandboxChannelResponse have exactly these members, so this one record answers all four.
 */
public record APNSChannelResponse(
        String applicationId,
        String creationDate,
        String defaultAuthenticationMethod,
        Boolean enabled,
        Boolean hasCredential,
        Boolean hasTokenKey,
        String id,
        Boolean isArchived,
        String lastModifiedBy,
        String lastModifiedDate,
        String platform,
        Integer version) {
}
