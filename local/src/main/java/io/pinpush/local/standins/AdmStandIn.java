package io.pinpush.local.standins;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.channels.ChannelCredentials;
import io.pinpush.providers.adm.AdmRenderer;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real ADM stand-in over HTTP/1.1:
 * <ul>
 *   <li>{@code POST /auth/o2/token}: Login with Amazon's client-credentials grant for clients made by
 *       {@link #createClient} (scope {@code messaging:push}); mints bearer tokens.</li>
 *   <li>{@code POST /messaging/registrations/{id}/messages}: checks the bearer token, the ADM headers, the body
 *       ({@code data} of strings, {@code md5} when present), and answers 200 {@code {"registrationID"}} or what
 *       {@link #respondTo} programmed for the registration id.</li>
 * </ul>
 */
public final class AdmStandIn extends PlainHttpStandIn {

    public static final String TOKEN_PATH = "/auth/o2/token";
    private static final Pattern SEND_PATH = Pattern.compile("/messaging/registrations/([^/]+)/messages");

    private final Map<String, String> clients = new ConcurrentHashMap<>();
    private final Map<String, Instant> issuedTokens = new ConcurrentHashMap<>();
    private final Map<String, Answer> programmed = new ConcurrentHashMap<>();
    private final AtomicLong counter = new AtomicLong();
    private volatile Duration tokenLifetime = Duration.ofHours(1);

    private AdmStandIn() {
        super("ADM");
    }

    public static AdmStandIn start() {
        return new AdmStandIn();
    }

    /** For {@code PINPUSH_ADM_ENDPOINT}. */
    public URI endpoint() {
        return baseUrl();
    }

    /** For {@code PINPUSH_ADM_TOKEN_ENDPOINT}. */
    public URI tokenEndpoint() {
        return URI.create(baseUrl() + TOKEN_PATH);
    }

    /** New ADM client credentials this stand-in honours. */
    public ChannelCredentials.Adm createClient() {
        String clientId = "amzn1.application-oa2-client.standin" + counter.incrementAndGet();
        String secret = "secret-" + Long.toHexString(Double.doubleToLongBits(Math.random()));
        clients.put(clientId, secret);
        return new ChannelCredentials.Adm(clientId, secret);
    }

    /** From now on, messages to {@code registrationId} get {@code answer}. */
    public void respondTo(String registrationId, Answer answer) {
        programmed.put(registrationId, answer);
    }

    /** Accept messages to {@code registrationId} but name {@code canonical} as the id to use from now on. */
    public void canonicalize(String registrationId, String canonical) {
        respondTo(registrationId, Answer.json(200, "{\"registrationID\": \"" + canonical + "\"}"));
    }

    public static Answer rejection(int status, String reason) {
        return Answer.json(status, "{\"reason\": \"" + reason + "\"}");
    }

    public void revokeAccessTokens() {
        issuedTokens.clear();
    }

    public void tokenLifetime(Duration lifetime) {
        this.tokenLifetime = lifetime;
    }

    public List<Received> tokenRequests() {
        return received().stream().filter(request -> request.path().equals(TOKEN_PATH)).toList();
    }

    public List<Received> sendRequests() {
        return received().stream().filter(request -> !request.path().equals(TOKEN_PATH)).toList();
    }

    @Override
    protected Answer answer(Received request) {
        if (!request.method().equals("POST")) {
            return Answer.json(405, "{\"reason\": \"MethodNotAllowed\"}");
        }
        if (request.path().equals(TOKEN_PATH)) {
            return token(request);
        }
        Matcher send = SEND_PATH.matcher(request.path());
        return send.matches() ? send(URLDecoder.decode(send.group(1), StandardCharsets.UTF_8), request)
                : Answer.json(404, "{\"reason\": \"NotFound\"}");
    }

    private Answer token(Received request) {
        Map<String, String> form = form(request.body());
        String secret = clients.get(form.getOrDefault("client_id", ""));
        if (!"client_credentials".equals(form.get("grant_type")) || !"messaging:push".equals(form.get("scope"))) {
            return Answer.json(400, "{\"error\": \"invalid_request\", \"error_description\": \"grant_type client_credentials with scope messaging:push expected\"}");
        }
        if (secret == null || !secret.equals(form.get("client_secret"))) {
            return Answer.json(401, "{\"error\": \"invalid_client\", \"error_description\": \"Client authentication failed\"}");
        }
        String token = "Atc|standin-" + counter.incrementAndGet();
        issuedTokens.put(token, Instant.now().plus(tokenLifetime));
        return Answer.json(200, "{\"access_token\": \"" + token + "\", \"expires_in\": " + tokenLifetime.toSeconds()
                + ", \"scope\": \"messaging:push\", \"token_type\": \"bearer\"}");
    }

    private Answer send(String registrationId, Received request) {
        String authorization = request.headers().getOrDefault("authorization", "");
        Instant expiry = authorization.startsWith("Bearer ") ? issuedTokens.get(authorization.substring(7)) : null;
        if (expiry == null || Instant.now().isAfter(expiry)) {
            return rejection(401, "AccessTokenExpired");
        }
        if (!"com.amazon.device.messaging.ADMMessage@1.0".equals(request.headers().get("x-amzn-type-version"))) {
            return rejection(400, "InvalidType");
        }
        JsonNode body = Json.read(request.body(), JsonNode.class);
        JsonNode data = body.path("data");
        if (!data.isObject()) {
            return rejection(400, "InvalidData");
        }
        if (body.has("md5") && !body.get("md5").asText().equals(AdmRenderer.checksum(AdmRenderer.stringMap(data)))) {
            return rejection(400, "InvalidChecksum");
        }
        Answer answer = programmed.get(registrationId);
        if (answer == null) {
            answer = Answer.json(200, "{\"registrationID\": \"" + registrationId + "\"}");
        }
        return answer.status() == 200 ? answer.withHeader("x-amzn-RequestId", "standin-" + counter.incrementAndGet()) : answer;
    }
}
