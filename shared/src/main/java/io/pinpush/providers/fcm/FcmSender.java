package io.pinpush.providers.fcm;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.providers.ProviderChannel;
import io.pinpush.providers.ProviderHttp;
import io.pinpush.providers.ProviderOutcome;
import io.pinpush.providers.RenderedPush;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sends rendered notifications to FCM over one shared JDK HttpClient (HTTP/2): through the HTTP v1 API with a
 * service account's OAuth token, or, for channels that still hold a legacy server key, through the legacy
 * {@code /fcm/send} API (which Google has shut down; kept for self-hosted compatible servers).
 */
public final class FcmSender {

    /** v1 error codes meaning the registration token will never work for this sender again. */
    private static final Set<String> TOKEN_INVALID = Set.of("UNREGISTERED", "SENDER_ID_MISMATCH");
    private static final Set<String> LEGACY_TOKEN_INVALID = Set.of("NotRegistered", "InvalidRegistration",
            "MismatchSenderId", "MissingRegistration");

    private final HttpClient http;
    private final String v1Base;
    /** The messages:send URI of each project, built once rather than per push. */
    private final Map<String, URI> sendUris = new ConcurrentHashMap<>();
    private final URI legacyEndpoint;
    private final Duration timeout;
    private final Clock clock;
    private final GoogleAccessTokens tokens;

    public FcmSender(HttpClient http, URI v1Endpoint, URI legacyEndpoint, Duration timeout, Clock clock) {
        this.http = http;
        this.v1Base = v1Endpoint.toString().replaceAll("/+$", "");
        this.legacyEndpoint = legacyEndpoint;
        this.timeout = timeout;
        this.clock = clock;
        this.tokens = new GoogleAccessTokens(http, timeout, clock);
    }

    public CompletableFuture<ProviderOutcome> send(ProviderChannel channel, RenderedPush push) {
        if (channel.credentials() instanceof ChannelCredentials.FcmServiceAccount account) {
            try {
                return sendV1(account, push, true);
            } catch (IllegalArgumentException e) {
                return failed("The GCM channel's service account is unusable: " + e.getMessage(), false);
            }
        }
        if (channel.credentials() instanceof ChannelCredentials.GcmApiKey key) {
            return sendLegacy(key, push);
        }
        return failed("The GCM channel holds no FCM credentials", false);
    }

    private CompletableFuture<ProviderOutcome> sendV1(ChannelCredentials.FcmServiceAccount account, RenderedPush push,
                                                      boolean retryUnauthenticated) {
        URI uri = sendUris.computeIfAbsent(account.projectId(), project -> URI.create(v1Base + "/v1/projects/" + project + "/messages:send"));
        return tokens.token(account)
                .thenCompose(token -> http.sendAsync(HttpRequest.newBuilder(uri)
                                .timeout(timeout)
                                .header("Authorization", "Bearer " + token)
                                .header("Content-Type", "application/json; charset=UTF-8")
                                .POST(HttpRequest.BodyPublishers.ofString(push.body()))
                                .build(), HttpResponse.BodyHandlers.ofString())
                        .thenCompose(response -> {
                            if (response.statusCode() == 401 && retryUnauthenticated) {
                                // The token was revoked or expired early: mint a new one and try once more.
                                tokens.invalidate(account, token);
                                return sendV1(account, push, false);
                            }
                            return CompletableFuture.completedFuture(v1Outcome(response));
                        }))
                .exceptionally(FcmSender::failure);
    }

    private CompletableFuture<ProviderOutcome> sendLegacy(ChannelCredentials.GcmApiKey key, RenderedPush push) {
        String body = Json.write(LegacyFcmFormat.fromV1Request(Json.read(push.body(), JsonNode.class), push.address()));
        return http.sendAsync(HttpRequest.newBuilder(legacyEndpoint)
                        .timeout(timeout)
                        .header("Authorization", "key=" + key.apiKey())
                        .header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString(body))
                        .build(), HttpResponse.BodyHandlers.ofString())
                .thenApply(this::legacyOutcome)
                .exceptionally(FcmSender::failure);
    }

    /** FCM v1 answers errors as {@code {"error": {"code", "message", "status", "details": [{"errorCode"}, ...]}}}. */
    private ProviderOutcome v1Outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = parse(response.body());
        if (status == 200) {
            return new ProviderOutcome.Delivered(200, body.path("name").asText(null), null);
        }
        JsonNode error = body.path("error");
        String errorCode = error.path("status").asText("HTTP " + status);
        boolean tokenArgument = false;
        for (JsonNode detail : error.path("details")) {
            if (detail.has("errorCode")) {
                errorCode = detail.get("errorCode").asText();
            }
            for (JsonNode violation : detail.path("fieldViolations")) {
                tokenArgument |= violation.path("field").asText().equals("message.token");
            }
        }
        String message = error.path("message").asText("");
        tokenArgument |= message.toLowerCase().contains("registration token");
        boolean tokenInvalid = TOKEN_INVALID.contains(errorCode) || ("INVALID_ARGUMENT".equals(errorCode) && tokenArgument);
        boolean retryable = !tokenInvalid && (status == 429 || status >= 500);
        return new ProviderOutcome.Rejected(status, message.isEmpty() ? errorCode : errorCode + ": " + message,
                tokenInvalid, retryable, retryable ? retryAfter(response) : null);
    }

    /** The legacy API answers 200 with a per-message result: {@code {"results": [{"message_id"} | {"error"}]}}. */
    private ProviderOutcome legacyOutcome(HttpResponse<String> response) {
        int status = response.statusCode();
        if (status != 200) {
            boolean retryable = status == 429 || status >= 500;
            String reason = status == 401 ? "The legacy FCM server key was refused (HTTP 401)" : "HTTP " + status + ": " + response.body();
            return new ProviderOutcome.Rejected(status, reason, false, retryable, retryable ? retryAfter(response) : null);
        }
        JsonNode result = parse(response.body()).path("results").path(0);
        if (result.has("message_id")) {
            return new ProviderOutcome.Delivered(200, result.get("message_id").asText(), result.path("registration_id").asText(null));
        }
        String error = result.path("error").asText("Unknown");
        int equivalent = switch (error) {
            case "NotRegistered" -> 404;
            case "MismatchSenderId" -> 403;
            case "Unavailable" -> 503;
            case "InternalServerError" -> 500;
            case "DeviceMessageRateExceeded", "TopicsMessageRateExceeded" -> 429;
            default -> 400;
        };
        boolean tokenInvalid = LEGACY_TOKEN_INVALID.contains(error);
        boolean retryable = equivalent == 429 || equivalent >= 500;
        return new ProviderOutcome.Rejected(equivalent, error, tokenInvalid, retryable, retryable ? retryAfter(response) : null);
    }

    private Duration retryAfter(HttpResponse<String> response) {
        return ProviderHttp.retryAfter(response, clock);
    }

    private static JsonNode parse(String body) {
        return ProviderHttp.json(body);
    }

    private static ProviderOutcome failure(Throwable error) {
        return ProviderHttp.failure("FCM", error);
    }

    private static CompletableFuture<ProviderOutcome> failed(String reason, boolean retryable) {
        return ProviderHttp.failed(reason, retryable);
    }
}
