package io.pinpush.providers.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.providers.Pem;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * OAuth2 access tokens for FCM, minted from a service account the way Google's libraries do it, with the JDK
 * alone: a JWT signed RS256 with the account's key, exchanged at its token_uri (the jwt-bearer grant). A token
 * is reused until shortly before it expires; concurrent callers share one request for a new one.
 */
final class GoogleAccessTokens {

    static final String SCOPE = "https://www.googleapis.com/auth/firebase.messaging";
    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";
    private static final Duration LIFETIME = Duration.ofHours(1);
    private static final Duration REFRESH_BEFORE_EXPIRY = Duration.ofMinutes(5);
    private static final Base64.Encoder BASE64URL = Base64.getUrlEncoder().withoutPadding();

    /** The token endpoint said no, or could not be reached. */
    static final class TokenFailure extends RuntimeException {
        final boolean retryable;

        TokenFailure(String message, boolean retryable) {
            super(message, null, false, false);
            this.retryable = retryable;
        }
    }

    record AccessToken(String value, Instant expiresAt) {
    }

    private final HttpClient http;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, Account> accounts = new ConcurrentHashMap<>();

    GoogleAccessTokens(HttpClient http, Duration timeout, Clock clock) {
        this.http = http;
        this.timeout = timeout;
        this.clock = clock;
    }

    CompletableFuture<String> token(ChannelCredentials.FcmServiceAccount credentials) {
        return accounts.computeIfAbsent(identity(credentials), ignored -> new Account(credentials)).token();
    }

    /** FCM refused the token (401): forget it so the next call mints a new one. */
    void invalidate(ChannelCredentials.FcmServiceAccount credentials, String token) {
        Account account = accounts.get(identity(credentials));
        if (account != null) {
            account.invalidate(token);
        }
    }

    private static String identity(ChannelCredentials.FcmServiceAccount credentials) {
        return credentials.clientEmail() + '|' + tokenUri(credentials) + '|' + Integer.toHexString(credentials.privateKeyPem().hashCode());
    }

    private static String tokenUri(ChannelCredentials.FcmServiceAccount credentials) {
        return credentials.tokenUri() == null || credentials.tokenUri().isBlank() ? DEFAULT_TOKEN_URI : credentials.tokenUri();
    }

    private final class Account {
        private final ChannelCredentials.FcmServiceAccount credentials;
        private final PrivateKey key;
        private final String keyId;
        private CompletableFuture<AccessToken> current;

        Account(ChannelCredentials.FcmServiceAccount credentials) {
            this.credentials = credentials;
            this.key = Pem.privateKey(credentials.privateKeyPem());
            this.keyId = credentials.serviceJson() == null ? null
                    : Json.read(credentials.serviceJson(), JsonNode.class).path("private_key_id").asText(null);
        }

        synchronized CompletableFuture<String> token() {
            if (current == null || current.isCompletedExceptionally() || (current.isDone() && expiresSoon(current.join()))) {
                current = mint();
            }
            return current.thenApply(AccessToken::value);
        }

        synchronized void invalidate(String token) {
            if (current != null && current.isDone() && !current.isCompletedExceptionally()
                    && current.join().value().equals(token)) {
                current = null;
            }
        }

        private boolean expiresSoon(AccessToken token) {
            return !clock.instant().isBefore(token.expiresAt().minus(REFRESH_BEFORE_EXPIRY));
        }

        private CompletableFuture<AccessToken> mint() {
            Instant now = clock.instant();
            String form = "grant_type=" + URLEncoder.encode("urn:ietf:params:oauth:grant-type:jwt-bearer", StandardCharsets.UTF_8)
                    + "&assertion=" + assertion(now);
            HttpRequest request = HttpRequest.newBuilder(URI.create(tokenUri(credentials)))
                    .timeout(timeout)
                    .header("Content-Type", "application/x-www-form-urlencoded")
                    .POST(HttpRequest.BodyPublishers.ofString(form))
                    .build();
            return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                    .handle((response, error) -> {
                        if (error != null) {
                            throw new TokenFailure("Could not reach the OAuth token endpoint " + tokenUri(credentials)
                                    + ": " + FcmSender.describe(error), true);
                        }
                        if (response.statusCode() != 200) {
                            throw new TokenFailure("The OAuth token endpoint refused the service account "
                                    + credentials.clientEmail() + " (HTTP " + response.statusCode() + "): " + response.body(),
                                    response.statusCode() == 429 || response.statusCode() >= 500);
                        }
                        JsonNode token = Json.read(response.body(), JsonNode.class);
                        return new AccessToken(token.path("access_token").asText(),
                                now.plusSeconds(token.path("expires_in").asLong(LIFETIME.toSeconds())));
                    });
        }

        private String assertion(Instant now) {
            Map<String, Object> header = new LinkedHashMap<>();
            header.put("alg", "RS256");
            header.put("typ", "JWT");
            if (keyId != null) {
                header.put("kid", keyId);
            }
            Map<String, Object> claims = new LinkedHashMap<>();
            claims.put("iss", credentials.clientEmail());
            claims.put("scope", SCOPE);
            claims.put("aud", tokenUri(credentials));
            claims.put("iat", now.getEpochSecond());
            claims.put("exp", now.plus(LIFETIME).getEpochSecond());
            String signingInput = base64url(Json.write(header)) + '.' + base64url(Json.write(claims));
            try {
                Signature signature = Signature.getInstance("SHA256withRSA");
                signature.initSign(key);
                signature.update(signingInput.getBytes(StandardCharsets.US_ASCII));
                return signingInput + '.' + BASE64URL.encodeToString(signature.sign());
            } catch (GeneralSecurityException e) {
                throw new TokenFailure("Cannot sign with the service account key: " + e.getMessage(), false);
            }
        }

        private static String base64url(String json) {
            return BASE64URL.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }
    }
}
