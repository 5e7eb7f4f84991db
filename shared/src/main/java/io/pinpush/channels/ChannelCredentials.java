package io.pinpush.channels;

import java.util.Optional;

/**
 * A channel's credentials as kept in the secret store, one JSON secret per app and channel.
 * These types never appear in an API response or a log line; {@code toString} is overridden to say so.
 */
public sealed interface ChannelCredentials {

    /** APNs (any of the four APNs channels): token-key and/or certificate authentication. */
    record Apns(Optional<TokenKey> tokenKey, Optional<Certificate> certificate, String defaultAuthenticationMethod)
            implements ChannelCredentials {

        /** A .p8 signing key (PEM text), its key id, the team id and the app's bundle id (the APNs topic). */
        public record TokenKey(String tokenKey, String tokenKeyId, String teamId, String bundleId) {
            @Override
            public String toString() {
                return "TokenKey[redacted]";
            }
        }

        /** A certificate and its private key, both PEM text. The bundle id is read from the certificate's subject UID. */
        public record Certificate(String certificatePem, String privateKeyPem, String bundleId) {
            @Override
            public String toString() {
                return "Certificate[redacted]";
            }
        }

        @Override
        public String toString() {
            return "Apns[redacted]";
        }
    }

    /** FCM HTTP v1: a Google service-account JSON (TOKEN authentication). */
    record FcmServiceAccount(String serviceJson, String projectId, String clientEmail, String privateKeyPem,
                             String tokenUri) implements ChannelCredentials {
        @Override
        public String toString() {
            return "FcmServiceAccount[project=" + projectId + ", redacted]";
        }
    }

    /** The legacy FCM server key (KEY authentication; Google has shut the legacy API down). */
    record GcmApiKey(String apiKey) implements ChannelCredentials {
        @Override
        public String toString() {
            return "GcmApiKey[redacted]";
        }
    }

    /** Amazon Device Messaging client credentials (OAuth2 client-credentials grant). */
    record Adm(String clientId, String clientSecret) implements ChannelCredentials {
        @Override
        public String toString() {
            return "Adm[redacted]";
        }
    }

    /** Baidu Cloud Push API key and secret key. */
    record Baidu(String apiKey, String secretKey) implements ChannelCredentials {
        @Override
        public String toString() {
            return "Baidu[redacted]";
        }
    }
}
