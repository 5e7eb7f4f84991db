package io.pinpush.access;

import io.pinpush.api.Route;
import io.pinpush.api.Router;
import io.pinpush.config.PinpushConfig;
import io.pinpush.secrets.SecretStore;
import io.pinpush.tags.TaggableResources;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * Who may call Pinpush, wired from the configuration. {@code PINPUSH_AUTH_MODE}:
 * <ul>
 *   <li>{@code iam} (the default): API Gateway's IAM authorization decides; the handler trusts the principal it
 *       names (locally: everyone, as "anonymous")</li>
 *   <li>{@code keys}: every request must carry a SigV4 signature for {@code mobiletargeting} made with a Pinpush
 *       access key, and the key's policy must allow the call</li>
 * </ul>
 * The access-key routes and the policy guard exist in both modes, so keys can be prepared before switching.
 */
public final class AccessControl {

    public static final String AUTH_MODE = "PINPUSH_AUTH_MODE";
    public static final String BOOTSTRAP_KEY_SECRET = "PINPUSH_BOOTSTRAP_KEY_SECRET";

    private final PinpushConfig config;
    private final AccessKeyService keys;
    private final boolean enforced;
    private final Router.Authenticator authenticator;
    private final Router.Guard guard;

    public AccessControl(PinpushConfig config, DynamoDbClient dynamoDb, SecretStore secrets,
                         TaggableResources taggable, Clock clock) {
        this.config = config;
        this.keys = new AccessKeyService(new AccessKeyStore(dynamoDb, config), secrets, config.secretPrefix(),
                config.get(BOOTSTRAP_KEY_SECRET), clock,
                config.getDuration("PINPUSH_ACCESS_KEY_CACHE_TTL", Duration.ofSeconds(30)));
        String mode = config.get(AUTH_MODE, "iam").toLowerCase(Locale.ROOT);
        if (!mode.equals("iam") && !mode.equals("keys")) {
            throw new IllegalArgumentException(AUTH_MODE + " must be iam or keys, got " + mode);
        }
        this.enforced = mode.equals("keys");
        this.authenticator = enforced
                ? new KeyAuthenticator(new SigV4Verifier(keys::signingKey, config.region(), clock), keys,
                config.region(), config.accountId())
                : Router.Authenticator.TRANSPORT;
        this.guard = new PolicyGuard(keys, taggable, config.region(), config.accountId());
    }

    /** Whether requests must be signed with Pinpush access keys. */
    public boolean keysEnforced() {
        return enforced;
    }

    public Router.Authenticator authenticator() {
        return authenticator;
    }

    /** Evaluates key policies; runs first among the guards, so a refused call costs no quota. */
    public Router.Guard policyGuard() {
        return guard;
    }

    public List<Route> routes() {
        return AccessKeyRoutes.routes(keys, config.region(), config.accountId());
    }

    public AccessKeyService keys() {
        return keys;
    }
}
