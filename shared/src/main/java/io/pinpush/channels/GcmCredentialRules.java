package io.pinpush.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * What the GCM (FCM) channel accepts. TOKEN: ServiceJson, a Google service-account key file whose private key
 * is read here, for FCM HTTP v1. KEY: ApiKey, the legacy server key (Google has shut the legacy API down; it
 * is still accepted because existing scripts send it). Without DefaultAuthenticationMethod the method follows
 * the member sent (ServiceJson wins); a request with neither keeps the stored credentials.
 */
final class GcmCredentialRules {

    static final String TOKEN = "TOKEN";
    static final String KEY = "KEY";
    static final String DEFAULT_TOKEN_URI = "https://oauth2.googleapis.com/token";

    private static final String NEEDS_ANY = "The GCM channel needs ServiceJson (the Firebase service-account key"
            + " file, DefaultAuthenticationMethod TOKEN) or ApiKey (the legacy server key, DefaultAuthenticationMethod KEY)";
    private static final String NEEDS_SERVICE_JSON = "DefaultAuthenticationMethod TOKEN needs ServiceJson: the"
            + " service-account key file from the Firebase console (Project settings > Service accounts)";
    private static final String NEEDS_API_KEY = "DefaultAuthenticationMethod KEY needs ApiKey";

    private GcmCredentialRules() {
    }

    static ChannelCredentials merge(GCMChannelRequest request, Optional<ChannelCredentials> stored) {
        String method = request.defaultAuthenticationMethod();
        if (method == null) {
            method = request.serviceJson() != null ? TOKEN
                    : request.apiKey() != null ? KEY
                    : stored.map(s -> s instanceof ChannelCredentials.FcmServiceAccount ? TOKEN : KEY)
                            .orElseThrow(() -> ApiError.badRequest(NEEDS_ANY));
        }
        if (method.equals(TOKEN)) {
            return request.serviceJson() != null ? serviceAccount(request.serviceJson())
                    : RequestMembers.stored(stored, ChannelCredentials.FcmServiceAccount.class)
                            .orElseThrow(() -> ApiError.badRequest(NEEDS_SERVICE_JSON));
        }
        return request.apiKey() != null ? new ChannelCredentials.GcmApiKey(request.apiKey())
                : RequestMembers.stored(stored, ChannelCredentials.GcmApiKey.class)
                        .orElseThrow(() -> ApiError.badRequest(NEEDS_API_KEY));
    }

    static ChannelCredentials.FcmServiceAccount serviceAccount(String serviceJson) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(serviceJson);
        } catch (JsonProcessingException e) {
            // The parser's own message quotes the input, which holds a private key: report the position only.
            throw ApiError.badRequest("ServiceJson is not valid JSON"
                    + (e.getLocation() == null ? "" : " (line " + e.getLocation().getLineNr()
                    + ", column " + e.getLocation().getColumnNr() + ")")
                    + ": send the service-account key file unchanged");
        }
        if (root == null || !root.isObject()) {
            throw ApiError.badRequest("ServiceJson must be the JSON object of a service-account key file");
        }
        if (!"service_account".equals(text(root, "type"))) {
            throw ApiError.badRequest("ServiceJson must be a service-account key file (\"type\": \"service_account\");"
                    + " create one in the Firebase console under Project settings > Service accounts");
        }
        List<String> missing = new ArrayList<>();
        for (String field : List.of("project_id", "private_key", "client_email")) {
            if (text(root, field) == null) {
                missing.add(field);
            }
        }
        if (!missing.isEmpty()) {
            throw ApiError.badRequest("ServiceJson lacks " + String.join(", ", missing));
        }
        String privateKey = text(root, "private_key");
        KeyMaterial.rsaPrivateKey(privateKey, "ServiceJson private_key");
        String clientEmail = text(root, "client_email");
        if (!clientEmail.contains("@")) {
            throw ApiError.badRequest("ServiceJson client_email is not an email address");
        }
        String tokenUri = Optional.ofNullable(text(root, "token_uri")).orElse(DEFAULT_TOKEN_URI);
        requireHttpUrl(tokenUri);
        return new ChannelCredentials.FcmServiceAccount(serviceJson, text(root, "project_id"), clientEmail,
                privateKey, tokenUri);
    }

    private static void requireHttpUrl(String tokenUri) {
        try {
            URI uri = new URI(tokenUri);
            if (uri.getHost() != null && ("https".equals(uri.getScheme()) || "http".equals(uri.getScheme()))) {
                return;
            }
        } catch (java.net.URISyntaxException ignored) {
            // Reported below.
        }
        throw ApiError.badRequest("ServiceJson token_uri must be an absolute http(s) URL such as " + DEFAULT_TOKEN_URI);
    }

    /** A non-blank text member, or null. */
    private static String text(JsonNode root, String field) {
        JsonNode value = root.get(field);
        return value != null && value.isTextual() && !value.asText().isBlank() ? value.asText() : null;
    }
}
