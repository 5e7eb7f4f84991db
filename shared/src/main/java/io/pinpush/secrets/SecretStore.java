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

    /** Creates the secret or replaces its value. */
    void put(String name, String value);

    Optional<String> get(String name);

    /** Removes the secret at once; removing one that does not exist is not an error. */
    void delete(String name);

    /** The store the configuration names: Secrets Manager in AWS, a private folder on a laptop. */
    static SecretStore from(PinpushConfig config, AwsClients aws) {
        String kind = config.secretStore();
        if (kind.startsWith("file:")) {
            return new FileSecretStore(Path.of(kind.substring("file:".length())));
        }
        return new SecretsManagerSecretStore(aws.secretsManager(), config.get("PINPUSH_SECRET_KMS_KEY_ID"));
    }
}
