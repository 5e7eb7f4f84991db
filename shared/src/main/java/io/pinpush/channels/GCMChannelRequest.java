package io.pinpush.channels;

import java.time.Instant;
import java.util.Optional;

/**
 * Pinpoint's GCMChannelRequest: {@code ServiceJson} (a Google service-account key file, TOKEN authentication
 * for FCM HTTP v1) or {@code ApiKey} (the legacy server key, KEY authentication). See {@link GcmCredentialRules}.
 */
public record GCMChannelRequest(
        String apiKey,
        String defaultAuthenticationMethod,
        Boolean enabled,
        String serviceJson) implements ChannelRequest {

    public GCMChannelRequest {
        defaultAuthenticationMethod = RequestMembers.authenticationMethod(defaultAuthenticationMethod, "GCM",
                GcmCredentialRules.TOKEN, GcmCredentialRules.KEY);
        RequestMembers.notBlank("ApiKey", apiKey);
        RequestMembers.notBlank("ServiceJson", serviceJson);
    }

    @Override
    public ChannelCredentials credentialsOver(Optional<ChannelCredentials> stored, Instant now) {
        return GcmCredentialRules.merge(this, stored);
    }

    @Override
    public String toString() {
        return "GCMChannelRequest[enabled=" + enabled + ", defaultAuthenticationMethod=" + defaultAuthenticationMethod
                + ", credentials redacted]";
    }
}
