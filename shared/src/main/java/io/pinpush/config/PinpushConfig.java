package io.pinpush.config;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * Every setting Pinpush reads, from one map of environment-style variables.
 *
 * <p>Lambda gets them from the function's environment (set by the CDK stack); the local server and
 * tests build the same map in code. One code path, so what runs on a laptop is what runs in AWS.
 */
public final class PinpushConfig {

    private final Map<String, String> values;

    public PinpushConfig(Map<String, String> values) {
        this.values = Map.copyOf(values);
    }

    public static PinpushConfig fromEnvironment() {
        return new PinpushConfig(System.getenv());
    }

    public String get(String name, String defaultValue) {
        String value = values.get(name);
        return value == null || value.isBlank() ? defaultValue : value;
    }

    public Optional<String> get(String name) {
        return Optional.ofNullable(values.get(name)).filter(v -> !v.isBlank());
    }

    public int getInt(String name, int defaultValue) {
        return get(name).map(Integer::parseInt).orElse(defaultValue);
    }

    public Duration getDuration(String name, Duration defaultValue) {
        return get(name).map(Duration::parse).orElse(defaultValue);
    }

    public Map<String, String> values() {
        return values;
    }

    public String region() {
        return get("AWS_REGION", "us-east-1");
    }

    /** The account id used in the ARNs Pinpush hands out. */
    public String accountId() {
        return get("PINPUSH_ACCOUNT_ID", "000000000000");
    }

    /** The physical name of a table; the CDK stack sets {@code PINPUSH_TABLE_<NAME>}. */
    public String tableName(String logicalName) {
        return get("PINPUSH_TABLE_" + logicalName.toUpperCase(), "pinpush-" + logicalName);
    }

    /** An endpoint override for an AWS service (emulators locally and in tests); absent in AWS. */
    public Optional<URI> serviceEndpoint(String service) {
        return get("PINPUSH_ENDPOINT_" + service.toUpperCase()).map(URI::create);
    }

    /** Locally there is no IAM: clients sign with fixed placeholder credentials. */
    public boolean useLocalCredentials() {
        return Boolean.parseBoolean(get("PINPUSH_LOCAL_CREDENTIALS", "false"));
    }

    /** Where channel credentials live: {@code secretsmanager} (default) or {@code file:/some/folder}. */
    public String secretStore() {
        return get("PINPUSH_SECRET_STORE", "secretsmanager");
    }

    /** Every secret name Pinpush creates starts with this prefix; IAM grants are scoped to it. */
    public String secretPrefix() {
        return get("PINPUSH_SECRET_PREFIX", "pinpush/");
    }

    /**
     * How long the dispatcher trusts what it read about a channel ({@code PINPUSH_CHANNEL_CACHE_TTL}, an ISO-8601
     * duration, default 30 s): a channel update reaches deliveries within this time.
     */
    public Duration channelCacheTtl() {
        return getDuration("PINPUSH_CHANNEL_CACHE_TTL", Duration.ofSeconds(30));
    }
}
