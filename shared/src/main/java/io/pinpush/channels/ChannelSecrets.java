package io.pinpush.channels;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.api.Json;
import io.pinpush.secrets.SecretStore;
import java.util.Optional;

/**
 * Channel credentials in the secret store: one secret per app and channel, named
 * {@code <secretPrefix>apps/<appId>/channels/<TYPE>}, whose value is the {@link ChannelCredentials} as JSON
 * ({@code {"Type": "Apns", ...}}).
 *
 * <p>The JSON is written member by member rather than by data binding: the credential records hold Optionals
 * and redact themselves, and an explicit format keeps stored secrets readable across refactorings.
 */
public final class ChannelSecrets {

    private final SecretStore store;
    private final String prefix;

    public ChannelSecrets(SecretStore store, String prefix) {
        this.store = store;
        this.prefix = prefix;
    }

    public String name(String appId, ChannelType type) {
        return prefix + "apps/" + appId + "/channels/" + type.name();
    }

    /** Stores the credentials as a new version of the channel's secret; returns the version id. */
    public String write(String appId, ChannelType type, ChannelCredentials credentials) {
        return store.put(name(appId, type), encode(credentials));
    }

    /** The credentials of one version; empty when the secret or the version is gone. */
    public Optional<ChannelCredentials> read(String appId, ChannelType type, String versionId) {
        return store.get(name(appId, type), versionId).map(ChannelSecrets::decode);
    }

    public void delete(String appId, ChannelType type) {
        store.delete(name(appId, type));
    }

    static String encode(ChannelCredentials credentials) {
        ObjectNode json = Json.mapper().createObjectNode();
        if (credentials instanceof ChannelCredentials.Apns apns) {
            json.put("Type", "Apns").put("DefaultAuthenticationMethod", apns.defaultAuthenticationMethod());
            apns.tokenKey().ifPresent(key -> json.putObject("TokenKey")
                    .put("TokenKey", key.tokenKey()).put("TokenKeyId", key.tokenKeyId())
                    .put("TeamId", key.teamId()).put("BundleId", key.bundleId()));
            apns.certificate().ifPresent(certificate -> json.putObject("Certificate")
                    .put("Certificate", certificate.certificatePem()).put("PrivateKey", certificate.privateKeyPem())
                    .put("BundleId", certificate.bundleId()));
        } else if (credentials instanceof ChannelCredentials.FcmServiceAccount account) {
            json.put("Type", "FcmServiceAccount").put("ServiceJson", account.serviceJson())
                    .put("ProjectId", account.projectId()).put("ClientEmail", account.clientEmail())
                    .put("PrivateKey", account.privateKeyPem()).put("TokenUri", account.tokenUri());
        } else if (credentials instanceof ChannelCredentials.GcmApiKey key) {
            json.put("Type", "GcmApiKey").put("ApiKey", key.apiKey());
        } else if (credentials instanceof ChannelCredentials.Adm adm) {
            json.put("Type", "Adm").put("ClientId", adm.clientId()).put("ClientSecret", adm.clientSecret());
        } else if (credentials instanceof ChannelCredentials.Baidu baidu) {
            json.put("Type", "Baidu").put("ApiKey", baidu.apiKey()).put("SecretKey", baidu.secretKey());
        } else {
            throw new IllegalArgumentException("Unknown credentials " + credentials.getClass().getSimpleName());
        }
        return Json.write(json);
    }

    static ChannelCredentials decode(String secret) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(secret);
        } catch (JsonProcessingException e) {
            // Never the parser's message: it would quote the secret.
            throw new IllegalStateException("A channel secret is not valid JSON");
        }
        String type = text(json, "Type");
        return switch (type == null ? "" : type) {
            case "Apns" -> new ChannelCredentials.Apns(
                    Optional.ofNullable(json.get("TokenKey")).map(key -> new ChannelCredentials.Apns.TokenKey(
                            text(key, "TokenKey"), text(key, "TokenKeyId"), text(key, "TeamId"), text(key, "BundleId"))),
                    Optional.ofNullable(json.get("Certificate")).map(c -> new ChannelCredentials.Apns.Certificate(
                            text(c, "Certificate"), text(c, "PrivateKey"), text(c, "BundleId"))),
                    text(json, "DefaultAuthenticationMethod"));
            case "FcmServiceAccount" -> new ChannelCredentials.FcmServiceAccount(text(json, "ServiceJson"),
                    text(json, "ProjectId"), text(json, "ClientEmail"), text(json, "PrivateKey"), text(json, "TokenUri"));
            case "GcmApiKey" -> new ChannelCredentials.GcmApiKey(text(json, "ApiKey"));
            case "Adm" -> new ChannelCredentials.Adm(text(json, "ClientId"), text(json, "ClientSecret"));
            case "Baidu" -> new ChannelCredentials.Baidu(text(json, "ApiKey"), text(json, "SecretKey"));
            default -> throw new IllegalStateException("A channel secret has an unknown Type");
        };
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value == null || value.isNull() ? null : value.asText();
    }
}
