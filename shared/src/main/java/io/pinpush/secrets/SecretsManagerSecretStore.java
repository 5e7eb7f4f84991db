package io.pinpush.secrets;

import java.util.Optional;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * AWS Secrets Manager, encrypted with the stack's customer-managed KMS key when one is configured.
 *
 * <p>Deletion skips the recovery window: a channel deleted and configured again must be able to
 * re-create a secret of the same name straight away.
 */
public final class SecretsManagerSecretStore implements SecretStore {

    private final SecretsManagerClient client;
    private final Optional<String> kmsKeyId;

    public SecretsManagerSecretStore(SecretsManagerClient client, Optional<String> kmsKeyId) {
        this.client = client;
        this.kmsKeyId = kmsKeyId;
    }

    @Override
    public void put(String name, String value) {
        try {
            client.putSecretValue(b -> b.secretId(name).secretString(value));
        } catch (ResourceNotFoundException notYetCreated) {
            client.createSecret(b -> {
                b.name(name).secretString(value).description("Pinpush channel credentials");
                kmsKeyId.ifPresent(b::kmsKeyId);
            });
        }
    }

    @Override
    public Optional<String> get(String name) {
        try {
            return Optional.ofNullable(client.getSecretValue(b -> b.secretId(name)).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String name) {
        try {
            client.deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
        } catch (ResourceNotFoundException alreadyGone) {
            // Deleting is idempotent.
        }
    }
}
