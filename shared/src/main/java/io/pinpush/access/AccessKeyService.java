package io.pinpush.access;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.access.AccessKey.Status;
import io.pinpush.access.AccessKeyShapes.AccessKeyResponse;
import io.pinpush.access.AccessKeyShapes.CreateAccessKeyRequest;
import io.pinpush.access.AccessKeyShapes.UpdateAccessKeyRequest;
import io.pinpush.api.ApiError;
import io.pinpush.api.Json;
import io.pinpush.api.Timestamps;
import io.pinpush.secrets.SecretStore;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * Issues, lists, disables, rotates and deletes Pinpush access keys, and answers the signature verifier.
 *
 * <p>A key's secret lives only in the secret store ({@code <prefix>access-keys/<id>}: Secrets Manager with the
 * stack's KMS key in AWS, the private folder locally) as {@code {"AccessKeyId","SecretAccessKey"}}, and is shown
 * once, in the answer that created or rotated it. Verification reads a key and its secret through a cache of
 * {@code PINPUSH_ACCESS_KEY_CACHE_TTL}: this process forgets a key at once when it disables, rotates or deletes
 * it; other API function instances within that TTL.
 */
public final class AccessKeyService {

    private static final String ID_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ234567";
    private static final String SECRET_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
    private static final Pattern KEY_ID = Pattern.compile("PPK[A-Z2-7]{17}");
    /** Writing LastUsedDate on every request would double the cost of a call; once in a while says enough. */
    private static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(5);

    /** A key with its secret, as the verifier and the policy guard need it. */
    record Loaded(AccessKey key, String secret, PolicyDocument policy, Instant loadedAt) {
        @Override
        public String toString() {
            return "Loaded[" + key.accessKeyId() + "]";
        }
    }

    private final AccessKeyStore store;
    private final SecretStore secrets;
    private final String secretPrefix;
    private final Optional<String> bootstrapSecret;
    private final Clock clock;
    private final Duration cacheTtl;
    private final SecureRandom random = new SecureRandom();
    private final Map<String, Loaded> cache = new ConcurrentHashMap<>();

    AccessKeyService(AccessKeyStore store, SecretStore secrets, String secretPrefix, Optional<String> bootstrapSecret,
                     Clock clock, Duration cacheTtl) {
        this.store = store;
        this.secrets = secrets;
        this.secretPrefix = secretPrefix;
        this.bootstrapSecret = bootstrapSecret;
        this.clock = clock;
        this.cacheTtl = cacheTtl;
    }

    public AccessKeyResponse create(CreateAccessKeyRequest request, String region, String accountId) {
        if (request == null) {
            throw ApiError.badRequest("CreateAccessKeyRequest is required");
        }
        PolicyDocument policy;
        if (request.policy() != null && !request.policy().isNull()) {
            if (request.role() != null) {
                throw ApiError.badRequest("Give either Role or Policy, not both");
            }
            policy = policy(request.policy());
        } else if (request.role() != null) {
            policy = Policies.of(request.role(), request.applicationId(), region, accountId);
        } else {
            throw ApiError.badRequest("Give the key a Role (ADMIN, READ_ONLY, APP_USER, SENDER) or a Policy");
        }
        return issue(newId(), description(request.description()), policy, null);
    }

    /** Creates an ADMIN key; the local server's bootstrap in enforcing mode, and the CLI's first key. */
    public AccessKeyResponse createAdmin(String description) {
        return issue(newId(), description, Policies.admin(), null);
    }

    private AccessKeyResponse issue(String id, String description, PolicyDocument policy, String secretName) {
        String secret = newSecret();
        String name = secretName != null ? secretName : secretPrefix + "access-keys/" + id;
        // Secret first: a key row never names a secret that does not exist.
        secrets.put(name, secretDocument(id, secret));
        AccessKey key = new AccessKey(id, Status.ACTIVE, description, policy.toJsonString(), Timestamps.now(clock),
                null, name);
        if (!store.create(key)) {
            secrets.delete(name);
            throw ApiError.conflict("Access key " + id + " exists already");
        }
        return response(key, secret);
    }

    public List<AccessKeyResponse> list() {
        return store.all().stream().sorted(Comparator.comparing(AccessKey::creationDate))
                .map(key -> response(key, null)).toList();
    }

    public AccessKeyResponse get(String accessKeyId) {
        return response(require(accessKeyId), null);
    }

    public AccessKeyResponse update(String accessKeyId, UpdateAccessKeyRequest request) {
        if (request == null || (request.status() == null && request.description() == null && request.policy() == null)) {
            throw ApiError.badRequest("Give at least one of Status, Description and Policy");
        }
        AccessKey key = require(accessKeyId);
        if (request.status() != null) {
            try {
                key = key.withStatus(Status.valueOf(request.status().toUpperCase(Locale.ROOT)));
            } catch (IllegalArgumentException e) {
                throw ApiError.badRequest("Status must be ACTIVE or INACTIVE, got " + request.status());
            }
        }
        if (request.description() != null) {
            key = key.withDescription(description(request.description()));
        }
        if (request.policy() != null && !request.policy().isNull()) {
            key = key.withPolicy(policy(request.policy()).toJsonString());
        }
        if (!store.replace(key)) {
            throw notFound(accessKeyId);
        }
        cache.remove(accessKeyId);
        return response(key, null);
    }

    /** A new secret for the key; the old one stops working at once (in this process; elsewhere within the cache TTL). */
    public AccessKeyResponse rotate(String accessKeyId) {
        AccessKey key = require(accessKeyId);
        String secret = newSecret();
        secrets.put(key.secretName(), secretDocument(key.accessKeyId(), secret));
        cache.remove(accessKeyId);
        return response(key, secret);
    }

    public void delete(String accessKeyId) {
        AccessKey key = require(accessKeyId);
        store.delete(accessKeyId);
        cache.remove(accessKeyId);
        if (bootstrapSecret.filter(key.secretName()::equals).isPresent()) {
            // The stack owns that secret: emptied rather than deleted, so the key is not adopted again either.
            secrets.put(key.secretName(), "{\"Deleted\":true}");
        } else {
            secrets.delete(key.secretName());
        }
    }

    /** What the signature verifier asks: the key, whether it is active, and its current secret. */
    public Optional<SigV4Verifier.SigningKey> signingKey(String accessKeyId) {
        return load(accessKeyId).map(loaded -> new SigV4Verifier.SigningKey(accessKeyId,
                loaded.key().status() == Status.ACTIVE, loaded.secret()));
    }

    /** The policy of a key that signed a request (the verifier loaded it a moment ago, so this is a cache hit). */
    public Optional<PolicyDocument> policyOf(String accessKeyId) {
        return load(accessKeyId).map(Loaded::policy);
    }

    /** Records that the key signed a request just now, unless that was recorded recently. */
    void used(String accessKeyId) {
        Loaded loaded = cache.get(accessKeyId);
        if (loaded == null) {
            return;
        }
        Instant now = clock.instant();
        String last = loaded.key().lastUsedDate();
        if (last != null && Instant.parse(last).plus(LAST_USED_RESOLUTION).isAfter(now)) {
            return;
        }
        AccessKey touched = loaded.key().withLastUsed(Timestamps.format(now));
        cache.put(accessKeyId, new Loaded(touched, loaded.secret(), loaded.policy(), loaded.loadedAt()));
        // Conditional on the row being as read: a key disabled meanwhile must never be written back ACTIVE.
        store.get(accessKeyId).ifPresent(current -> store.replaceIfUnchanged(current,
                current.withLastUsed(touched.lastUsedDate())));
    }

    private Optional<Loaded> load(String accessKeyId) {
        if (accessKeyId == null || !KEY_ID.matcher(accessKeyId).matches()) {
            return Optional.empty();
        }
        Instant now = clock.instant();
        Loaded cached = cache.get(accessKeyId);
        if (cached != null && cached.loadedAt().plus(cacheTtl).isAfter(now)) {
            return Optional.of(cached);
        }
        Optional<AccessKey> key = store.get(accessKeyId).or(() -> adoptBootstrapKey(accessKeyId));
        if (key.isEmpty()) {
            cache.remove(accessKeyId);
            return Optional.empty();
        }
        Optional<String> secret = secrets.get(key.get().secretName()).map(AccessKeyService::secretOf);
        if (secret.isEmpty()) {
            return Optional.empty();
        }
        Loaded loaded = new Loaded(key.get(), secret.get(), PolicyDocument.parse(key.get().policy()), now);
        cache.put(accessKeyId, loaded);
        return Optional.of(loaded);
    }

    /**
     * The deployment's first admin key: CDK puts {@code {"AccessKeyId","SecretAccessKey"}} into a Secrets Manager
     * secret (PINPUSH_BOOTSTRAP_KEY_SECRET); the first request it signs makes it an ordinary ADMIN key, which can
     * then be disabled, rotated (into the same secret) or deleted like any other.
     */
    private Optional<AccessKey> adoptBootstrapKey(String accessKeyId) {
        if (bootstrapSecret.isEmpty()) {
            return Optional.empty();
        }
        Optional<JsonNode> document = secrets.get(bootstrapSecret.get()).map(AccessKeyService::parseSecret);
        if (document.isEmpty() || !accessKeyId.equals(document.get().path("AccessKeyId").asText())) {
            return Optional.empty();
        }
        AccessKey key = new AccessKey(accessKeyId, Status.ACTIVE, "Bootstrap admin key (CDK)",
                Policies.admin().toJsonString(), Timestamps.now(clock), null, bootstrapSecret.get());
        store.create(key);
        return store.get(accessKeyId);
    }

    private AccessKey require(String accessKeyId) {
        return (accessKeyId != null && KEY_ID.matcher(accessKeyId).matches() ? store.get(accessKeyId)
                : Optional.<AccessKey>empty()).orElseThrow(() -> notFound(accessKeyId));
    }

    private static ApiError notFound(String accessKeyId) {
        return ApiError.notFound("Access key " + accessKeyId + " not found");
    }

    private static PolicyDocument policy(JsonNode node) {
        return node.isTextual() ? PolicyDocument.parse(node.asText()) : PolicyDocument.parse(node);
    }

    private static String description(String description) {
        if (description != null && description.length() > 256) {
            throw ApiError.badRequest("Description must be at most 256 characters");
        }
        return description;
    }

    private static AccessKeyResponse response(AccessKey key, String secret) {
        return new AccessKeyResponse(key.accessKeyId(), key.status().name(), key.description(),
                PolicyDocument.parse(key.policy()).toJson(), key.creationDate(), key.lastUsedDate(), secret);
    }

    private String newId() {
        return "PPK" + randomString(ID_ALPHABET, 17);
    }

    private String newSecret() {
        return randomString(SECRET_ALPHABET, 40);
    }

    private String randomString(String alphabet, int length) {
        StringBuilder out = new StringBuilder(length);
        for (int i = 0; i < length; i++) {
            out.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return out.toString();
    }

    private static String secretDocument(String accessKeyId, String secret) {
        return Json.mapper().createObjectNode().put("AccessKeyId", accessKeyId).put("SecretAccessKey", secret).toString();
    }

    private static JsonNode parseSecret(String value) {
        try {
            return Json.mapper().readTree(value);
        } catch (Exception e) {
            throw new IllegalStateException("An access key secret is not the expected JSON document");
        }
    }

    private static String secretOf(String value) {
        return parseSecret(value).path("SecretAccessKey").asText();
    }
}
