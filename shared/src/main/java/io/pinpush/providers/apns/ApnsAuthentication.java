package io.pinpush.providers.apns;

import io.pinpush.channels.ChannelCredentials;
import java.util.Locale;
import java.util.Optional;

/**
 * The credential one APNs client authenticates with: the signing key (TOKEN) or the certificate (CERTIFICATE).
 * A message's PreferredAuthenticationMethod wins when the channel has that credential, then the channel's
 * DefaultAuthenticationMethod, then whichever the channel has (the key first: it never expires).
 */
record ApnsAuthentication(String method, ChannelCredentials.Apns.TokenKey tokenKey,
                          ChannelCredentials.Apns.Certificate certificate) {

    static final String TOKEN = "TOKEN";
    static final String CERTIFICATE = "CERTIFICATE";

    static Optional<ApnsAuthentication> choose(ChannelCredentials.Apns credentials, String preferred) {
        for (String method : new String[] {upper(preferred), upper(credentials.defaultAuthenticationMethod()), TOKEN, CERTIFICATE}) {
            if (TOKEN.equals(method) && credentials.tokenKey() != null && credentials.tokenKey().isPresent()) {
                return Optional.of(new ApnsAuthentication(TOKEN, credentials.tokenKey().get(), null));
            }
            if (CERTIFICATE.equals(method) && credentials.certificate() != null && credentials.certificate().isPresent()) {
                return Optional.of(new ApnsAuthentication(CERTIFICATE, null, credentials.certificate().get()));
            }
        }
        return Optional.empty();
    }

    String bundleId() {
        return tokenKey != null ? tokenKey.bundleId() : certificate.bundleId();
    }

    private static String upper(String method) {
        return method == null ? null : method.trim().toUpperCase(Locale.ROOT);
    }
}
