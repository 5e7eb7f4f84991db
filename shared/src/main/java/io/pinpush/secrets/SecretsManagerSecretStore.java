package io.pinpush.secrets;

import java.util.Optional;
import java.util.UUID;
import java.util.function.Supplier;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.ResourceExistsException;
import software.amazon.awssdk.services.secretsmanager.model.ResourceNotFoundException;

/**
 * AWS Secrets Manager, encrypted with the stack's customer-managed KMS key when one is configured.
 *
 * <p>Each put is a new secret version whose id we choose (the client request token), so a caller can record
 * the id before anyone else can write. Deletion skips the recovery window: a channel deleted and configured
 * again must be able to re-create a secret of the same name straight away.
 */
public final class SecretsManagerSecretStore implements SecretStore {

    /** Asked for at each call, so that functions which never touch a secret never build the client. */
    private final Supplier<SecretsManagerClient> client;
    private final Optional<String> kmsKeyId;

    /** {@code client} is called at each call (it should hand out one client, made once: {@code AwsClients::secretsManager}). */
    public SecretsManagerSecretStore(Supplier<SecretsManagerClient> client, Optional<String> kmsKeyId) {
        this.client = client;
        this.kmsKeyId = kmsKeyId;
    }

    @Override
    public String put(String name, String value) {
        String versionId = UUID.randomUUID().toString();
        try {
            putVersion(name, value, versionId);
        } catch (ResourceNotFoundException notYetCreated) {
            try {
                client.get().createSecret(b -> {
                    b.name(name).secretString(value).clientRequestToken(versionId)
                            .description("Pinpush channel credentials");
                    kmsKeyId.ifPresent(b::kmsKeyId);
                });
            } catch (ResourceExistsException createdConcurrently) {
                putVersion(name, value, versionId);
            }
        }
        return versionId;
    }

    private void putVersion(String name, String value, String versionId) {
        client.get().putSecretValue(b -> b.secretId(name).secretString(value).clientRequestToken(versionId));
    }

    @Override
    public Optional<String> get(String name) {
        try {
            return Optional.ofNullable(client.get().getSecretValue(b -> b.secretId(name)).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public Optional<String> get(String name, String versionId) {
        try {
            return Optional.ofNullable(client.get().getSecretValue(b -> b.secretId(name).versionId(versionId)).secretString());
        } catch (ResourceNotFoundException e) {
            return Optional.empty();
        }
    }

    @Override
    public void delete(String name) {
        try {
            client.get().deleteSecret(b -> b.secretId(name).forceDeleteWithoutRecovery(true));
        } catch (ResourceNotFoundException alreadyGone) {
            // Deleting is idempotent.
        }
    }
}
