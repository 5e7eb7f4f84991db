package io.pinpush.providers.adm;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.providers.AccessTokenCache;
import io.pinpush.providers.AccessTokenCache.AccessToken;
import io.pinpush.providers.ProviderHttp;
import io.pinpush.providers.TokenFailure;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * ADM access tokens: the OAuth2 client-credentials grant with the channel's client id and secret, scope
 * {@code messaging:push}, at Login with Amazon's token endpoint. One cached token per client id and secret.
 */
final class AdmAccessTokens {

    static final String SCOPE = "messaging:push";
    private static final Duration DEFAULT_LIFETIME = Duration.ofHours(1);

    private final HttpClient http;
    private final URI tokenEndpoint;
    private final Duration timeout;
    private final Clock clock;
    private final Map<String, AccessTokenCache> clients = new ConcurrentHashMap<>();

    AdmAccessTokens(HttpClient http, URI tokenEndpoint, Duration timeout, Clock clock) {
        this.http = http;
        this.tokenEndpoint = tokenEndpoint;
        this.timeout = timeout;
        this.clock = clock;
    }

    CompletableFuture<String> token(ChannelCredentials.Adm credentials) {
        return clients.computeIfAbsent(identity(credentials), ignored -> new AccessTokenCache(() -> mint(credentials), clock)).token();
    }

    void invalidate(ChannelCredentials.Adm credentials, String token) {
        AccessTokenCache cache = clients.get(identity(credentials));
        if (cache != null) {
            cache.invalidate(token);
        }
    }

    private static String identity(ChannelCredentials.Adm credentials) {
        return credentials.clientId() + '|' + Integer.toHexString(credentials.clientSecret().hashCode());
    }

    private CompletableFuture<AccessToken> mint(ChannelCredentials.Adm credentials) {
        Instant now = clock.instant();
        String form = "grant_type=client_credentials&scope=" + encode(SCOPE) + "&client_id=" + encode(credentials.clientId())
                + "&client_secret=" + encode(credentials.clientSecret());
        HttpRequest request = HttpRequest.newBuilder(tokenEndpoint)
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=UTF-8")
                .POST(HttpRequest.BodyPublishers.ofString(form))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .handle((response, error) -> {
                    if (error != null) {
                        throw new TokenFailure("Could not reach the ADM token endpoint " + tokenEndpoint + ": "
                                + ProviderHttp.describe(error), true);
                    }
                    JsonNode body = ProviderHttp.json(response.body());
                    if (response.statusCode() != 200 || !body.hasNonNull("access_token")) {
                        throw new TokenFailure("The ADM token endpoint refused client " + credentials.clientId() + " (HTTP "
                                + response.statusCode() + "): " + body.path("error").asText(response.body()),
                                response.statusCode() == 429 || response.statusCode() >= 500);
                    }
                    return new AccessToken(body.get("access_token").asText(),
                            now.plusSeconds(body.path("expires_in").asLong(DEFAULT_LIFETIME.toSeconds())));
                });
    }

    private static String encode(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }
}
