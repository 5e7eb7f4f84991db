package io.pinpush.providers.baidu;

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
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.CompletableFuture;

/**
 * Sends rendered notifications through Baidu Cloud Push: a signed form POST to {@code {endpoint}/push/single_device}.
 * Baidu answers {@code {"request_id", "response_params": {"msg_id", "send_time"}}} or
 * {@code {"request_id", "error_code", "error_msg"}}; its error codes, not the HTTP status, say what went wrong,
 * so each is reported with the HTTP status that means the same (404 for a channel id that is gone, 429 for rate
 * limits) and maps through {@link io.pinpush.providers.DeliveryResult} like every other provider's.
 */
public final class BaiduSender {

    static final String PATH = "/push/single_device";

    private final HttpClient http;
    private final String url;
    private final Duration timeout;
    private final Clock clock;

    public BaiduSender(HttpClient http, URI endpoint, Duration timeout, Clock clock) {
        this.http = http;
        this.url = endpoint.toString().replaceAll("/+$", "") + PATH;
        this.timeout = timeout;
        this.clock = clock;
    }

    public CompletableFuture<ProviderOutcome> send(ProviderChannel channel, RenderedPush push) {
        if (!(channel.credentials() instanceof ChannelCredentials.Baidu credentials)) {
            return ProviderHttp.failed("The BAIDU channel holds no Baidu API key", false);
        }
        Map<String, String> params = new LinkedHashMap<>();
        params.put("apikey", credentials.apiKey());
        params.put("timestamp", Long.toString(clock.instant().getEpochSecond()));
        Json.read(push.body(), JsonNode.class).fields().forEachRemaining(field -> params.put(field.getKey(), field.getValue().asText()));
        params.put("sign", BaiduSignature.sign("POST", url, params, credentials.secretKey()));
        HttpRequest request = HttpRequest.newBuilder(URI.create(url))
                .timeout(timeout)
                .header("Content-Type", "application/x-www-form-urlencoded;charset=utf-8")
                // Baidu's servers expect the User-Agent of its server SDKs.
                .header("User-Agent", "BCCS_SDK/3.0 (Pinpush) Java/" + Runtime.version().feature() + " (Baidu Push Server SDK V3.0.0)")
                .POST(HttpRequest.BodyPublishers.ofString(BaiduSignature.form(params)))
                .build();
        return http.sendAsync(request, HttpResponse.BodyHandlers.ofString())
                .thenApply(this::outcome)
                .exceptionally(error -> ProviderHttp.failure("Baidu", error));
    }

    private ProviderOutcome outcome(HttpResponse<String> response) {
        int status = response.statusCode();
        JsonNode body = ProviderHttp.json(response.body());
        if (status == 200 && !body.has("error_code")) {
            return new ProviderOutcome.Delivered(200, body.path("response_params").path("msg_id").asText(null), null);
        }
        if (!body.has("error_code")) {
            boolean retryable = status == 429 || status >= 500;
            return new ProviderOutcome.Rejected(status, "HTTP " + status, false, retryable,
                    retryable ? ProviderHttp.retryAfter(response, clock) : null);
        }
        BaiduError error = BaiduError.of(body.path("error_code").asInt());
        String reason = body.path("error_code").asText() + " " + body.path("error_msg").asText(error.name());
        return new ProviderOutcome.Rejected(error.statusCode(), reason, error.tokenInvalid(), error.retryable(),
                error.retryable() ? ProviderHttp.retryAfter(response, clock) : null);
    }
}
