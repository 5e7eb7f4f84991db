package io.pinpush.channels;

import java.util.Locale;
import java.util.Optional;

/**
 * A channel as stored in the {@code apps} table: its state and what kind of credentials it has, never the
 * credentials themselves (those live in the secret store, under the version named by {@code secretVersion}).
 *
 * <p>A stored channel always has credentials (its first update must bring them), so responses say
 * {@code HasCredential: true}; Pinpush never archives channels ({@code IsArchived: false}).
 *
 * @param version       incremented by every update; the conditional writes compare it
 * @param secretVersion the secret version holding this channel's credentials; a new one only when they change
 */
public record Channel(String applicationId, ChannelType type, boolean enabled, int version, String creationDate,
                      String lastModifiedDate, String lastModifiedBy, String defaultAuthenticationMethod,
                      boolean hasTokenKey, boolean hasFcmServiceCredentials, String secretVersion) {

    /** The channel after an update: the next version, with its creation date kept from the first one. */
    static Channel next(Optional<Channel> current, String appId, ChannelType type, boolean enabled,
                        ChannelCredentials credentials, String secretVersion, String now, String caller) {
        return new Channel(appId, type, enabled, current.map(Channel::version).orElse(0) + 1,
                current.map(Channel::creationDate).orElse(now), now, caller, authenticationMethod(credentials),
                credentials instanceof ChannelCredentials.Apns apns && apns.tokenKey().isPresent(),
                credentials instanceof ChannelCredentials.FcmServiceAccount, secretVersion);
    }

    private static String authenticationMethod(ChannelCredentials credentials) {
        if (credentials instanceof ChannelCredentials.Apns apns) {
            return apns.defaultAuthenticationMethod();
        }
        if (credentials instanceof ChannelCredentials.FcmServiceAccount) {
            return GcmCredentialRules.TOKEN;
        }
        if (credentials instanceof ChannelCredentials.GcmApiKey) {
            return GcmCredentialRules.KEY;
        }
        return null;
    }

    /** Pinpoint's (deprecated) channel id: the channel type in lower case, as in the channel's path. */
    public String channelId() {
        return idOf(type);
    }

    static String idOf(ChannelType type) {
        return type.name().toLowerCase(Locale.ROOT);
    }

    public APNSChannelResponse toApnsResponse() {
        return new APNSChannelResponse(applicationId, creationDate, defaultAuthenticationMethod, enabled, true,
                hasTokenKey, channelId(), false, lastModifiedBy, lastModifiedDate, type.name(), version);
    }

    public GCMChannelResponse toGcmResponse() {
        return new GCMChannelResponse(applicationId, creationDate, defaultAuthenticationMethod, enabled, true,
                hasFcmServiceCredentials, channelId(), false, lastModifiedBy, lastModifiedDate, type.name(), version);
    }

    public BaiduChannelResponse toBaiduResponse() {
        return new BaiduChannelResponse(applicationId, creationDate, enabled, true, channelId(), false,
                lastModifiedBy, lastModifiedDate, type.name(), version);
    }

    public ADMChannelResponse toAdmResponse() {
        return new ADMChannelResponse(applicationId, creationDate, enabled, true, channelId(), false,
                lastModifiedBy, lastModifiedDate, type.name(), version);
    }

    public ChannelResponse toChannelResponse() {
        return new ChannelResponse(applicationId, creationDate, enabled, true, channelId(), false,
                lastModifiedBy, lastModifiedDate, version);
    }
}
