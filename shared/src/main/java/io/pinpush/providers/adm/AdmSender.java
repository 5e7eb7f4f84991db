package io.pinpush.providers.adm;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.providers.ProviderChannel;
import io.pinpush.providers.ProviderHttp;
import io.pinpush.providers.ProviderOutcome;
import io.pinpush.providers.RenderedPush;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

/**
 * Sends rendered notifications through ADM: {@code POST {endpoint}/messaging/registrations/{id}/messages} with a
 * bearer token from {@link AdmAccessTokens}. ADM answers 200 {@code {"registrationID": ...}} (a different id is
 * the canonical one to use from now on) or an error status with {@code {"reason": ...}}.
 */
public final class AdmSender {

    /** Reasons meaning the registration id will never work again for this app. */
    private static final Set<String> TOKEN_INVALID = Set.of("InvalidRegistrationId", "Unregistered");

    private final HttpClient http;
    private final URI endpoint;
    private final Duration timeout;
    private final Clock clock;
    private final AdmAccessTokens tokens;

    public AdmSender(HttpClient http, URI endpoint, URI tokenEndpoint, Duration timeout, Clock clock) {
        this.http = http;
        this.endpoint = endpoint;
        this.timeout = timeout;
        this.clock = clock;
        this.tokens = new AdmAccessTokens(http, tokenEndpoint, timeout, clock);
    }

    public CompletableFuture<ProviderOutcome> send(ProviderChannel channel, RenderedPush push) {
        if (!(channel.credentials() instanceof ChannelCredentials.Adm credentials)) {
            return ProviderHttp.failed("The ADM channel holds no ADM client credentials", false);
        }
        return send(credentials, push, true);
    }

    private CompletableFuture<ProviderOutcome> send(ChannelCredentials.Adm credentials, RenderedPush push,
                                                    boolean retryUnauthenticated) {
        URI uri = URI.create(endpoint.toString().replaceAll("/+$", "") + "/messaging/registrations/"
                + URLEncoder.encode(push.address(), StandardCharsets.UTF_8) + "/messages");
        return tokens.token(credentials)
                .thenCompose(token -> http.sendAsync(HttpRequest.newBuilder(uri)
                                .timeout(timeout)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json")
                                .header("Accept", "application/json")
                                .header("X-Amzn-Type-Version", "com.amazon.device.messaging.ADMMessage@1.0")
                                .header("X-Amzn-Accept-Type", "com.amazon.device.messaging.ADMSendResult@1.0")
                                .POST(HttpRequest.BodyPublishers.ofString(push.body()))
                                .build(), HttpResponse.BodyHandlers.ofString())
                        .thenCompose(response -> {
                            if (response.statusCode() == 401 && retryUnauthenticated) {
                                // AccessTokenExpired or revoked: mint a new token and try once more.
                                tokens.invalidate(credentials, token);
                                return send(credentials, push, false);
                            }
                            return CompletableFuture.completedFuture(outcome(push, response));
                        }))
                .exceptionally(error -> ProviderHttp.failure("ADM", error));
    }

    private ProviderOutcome outcome(RenderedPush push, HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = ProviderHttp.json(response.body());
        if (status == 200) {
            String registrationId = body.path("registrationID").asText(null);
            return new ProviderOutcome.Delivered(200, response.headers().firstValue("x-amzn-RequestId").orElse(null),
                    registrationId == null || registrationId.equals(push.address()) ? null : registrationId);
        }
        String reason = body.path("reason").asText("HTTP " + status);
        boolean tokenInvalid = TOKEN_INVALID.contains(reason) || status == 410;
        boolean retryable = !tokenInvalid && (status == 429 || status >= 500);
        return new ProviderOutcome.Rejected(status, reason, tokenInvalid, retryable,
                retryable ? ProviderHttp.retryAfter(response, clock) : null);
    }
}
