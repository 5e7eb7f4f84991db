package io.pinpush.secrets;

import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import java.nio.file.Path;
import java.util.Optional;

/**
 * Where channel credentials live. Never DynamoDB, never a response, never a log line:
 * the stores only ever see a secret's name and its opaque value.
 */
public interface SecretStore {

    /**
     * Creates the secret or stores a new version of it, and returns that version's id. The new version becomes
     * the current one; earlier versions stay readable by id, so metadata that names the version it was written
     * with never pairs with another writer's value.
     */
    String put(String name, String value);

    /** The current version's value. */
    Optional<String> get(String name);

    /** One version's value; empty when the secret or that version is gone. */
    Optional<String> get(String name, String versionId);

    /** Removes the secret at once; removing one that does not exist is not an error. */
    void delete(String name);

    /** The store the configuration names: Secrets Manager in AWS, a private folder on a laptop. */
    static SecretStore from(PinpushConfig config, AwsClients aws) {
        String kind = config.secretStore();
        if (kind.startsWith("file:")) {
            return new FileSecretStore(Path.of(kind.substring("file:".length())));
        }
        return new SecretsManagerSecretStore(aws::secretsManager, config.get("PINPUSH_SECRET_KMS_KEY_ID"));
    }
}
