package io.pinpush.channels;

import io.pinpush.api.ApiError;
import java.time.Instant;
import java.util.Optional;

/** Pinpoint's ADMChannelRequest: the Amazon Device Messaging OAuth client id and secret, always together. */
public record ADMChannelRequest(
        String clientId,
        String clientSecret,
        Boolean enabled) implements ChannelRequest {

    private static final String NEEDS = "The ADM channel needs ClientId and ClientSecret from the Amazon developer"
            + " console's security profile";

    public ADMChannelRequest {
        RequestMembers.notBlank("ClientId", clientId);
        RequestMembers.notBlank("ClientSecret", clientSecret);
    }

    @Override
    public ChannelCredentials credentialsOver(Optional<ChannelCredentials> stored, Instant now) {
        if (clientId == null && clientSecret == null) {
            return RequestMembers.stored(stored, ChannelCredentials.Adm.class)
                    .orElseThrow(() -> ApiError.badRequest(NEEDS));
        }
        RequestMembers.requireAll(NEEDS, "ClientId", clientId, "ClientSecret", clientSecret);
        return new ChannelCredentials.Adm(clientId, clientSecret);
    }

    @Override
    public String toString() {
        return "ADMChannelRequest[enabled=" + enabled + ", credentials redacted]";
    }
}
