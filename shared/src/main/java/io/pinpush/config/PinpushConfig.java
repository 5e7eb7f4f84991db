package io.pinpush.config;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.file.Path;
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

    /** The SQS queue the send function fills and the dispatcher drains ({@code PINPUSH_DELIVERY_QUEUE_URL}). */
    public String deliveryQueueUrl() {
        return get("PINPUSH_DELIVERY_QUEUE_URL").orElseThrow(() -> new IllegalStateException(
                "PINPUSH_DELIVERY_QUEUE_URL is not set: the send function needs the delivery queue"));
    }

    /** The SQS queue of campaign work items: the tick fills it, the campaign runner drains it ({@code PINPUSH_CAMPAIGN_QUEUE_URL}). */
    public String campaignQueueUrl() {
        return get("PINPUSH_CAMPAIGN_QUEUE_URL").orElseThrow(() -> new IllegalStateException(
                "PINPUSH_CAMPAIGN_QUEUE_URL is not set: campaign runs need the campaign work queue"));
    }

    /**
     * How long a send call waits for the dispatcher's outcomes before answering QUEUED for the rest
     * ({@code PINPUSH_SEND_WAIT}, ISO-8601, default 10 s; API Gateway gives up after 29 s).
     */
    public Duration sendWait() {
        return getDuration("PINPUSH_SEND_WAIT", Duration.ofSeconds(10));
    }

    /** Provider calls per delivery before a throttled or temporary failure is final ({@code PINPUSH_MAX_ATTEMPTS}). */
    public int maxDeliveryAttempts() {
        return getInt("PINPUSH_MAX_ATTEMPTS", 5);
    }

    /** The first retry's backoff ceiling; doubles per attempt ({@code PINPUSH_RETRY_BASE_DELAY}, default 1 s). */
    public Duration retryBaseDelay() {
        return getDuration("PINPUSH_RETRY_BASE_DELAY", Duration.ofSeconds(1));
    }

    /** The largest backoff ceiling, unless a provider's Retry-After asks for more ({@code PINPUSH_RETRY_MAX_DELAY}). */
    public Duration retryMaxDelay() {
        return getDuration("PINPUSH_RETRY_MAX_DELAY", Duration.ofMinutes(5));
    }

    /** How long audit records are kept before DynamoDB's TTL removes them ({@code PINPUSH_AUDIT_RETENTION}, default P90D). */
    public Duration auditRetention() {
        return getDuration("PINPUSH_AUDIT_RETENTION", Duration.ofDays(90));
    }

    /**
     * Whether per-app request-rate quotas are enforced ({@code PINPUSH_QUOTAS}, {@code enforce} by default; {@code off}
     * turns the quota guard off, e.g. for a benchmark that measures Pinpush rather than its limits).
     */
    public boolean quotasEnforced() {
        String value = get("PINPUSH_QUOTAS", "enforce");
        if (!value.equals("enforce") && !value.equals("off")) {
            throw new IllegalArgumentException("PINPUSH_QUOTAS must be 'enforce' or 'off', got '" + value + "'");
        }
        return value.equals("enforce");
    }

    /** How long delivery records are kept before DynamoDB's TTL removes them ({@code PINPUSH_DELIVERY_RETENTION}). */
    public Duration deliveryRetention() {
        return getDuration("PINPUSH_DELIVERY_RETENTION", Duration.ofDays(7));
    }

    /** The send function's name, which other functions invoke directly ({@code PINPUSH_SEND_FUNCTION_NAME}). */
    public String sendFunctionName() {
        return get("PINPUSH_SEND_FUNCTION_NAME", "pinpush-send");
    }

    /**
     * How long SendMessages and SendUsersMessages trust that an app they read exists ({@code PINPUSH_APP_CACHE_TTL},
     * an ISO-8601 duration, default 5 s; {@code PT0S} reads it for every send): a send to an app deleted through
     * another process is refused within this time.
     */
    public Duration appCacheTtl() {
        return getDuration("PINPUSH_APP_CACHE_TTL", Duration.ofSeconds(5));
    }

    /**
     * How long the dispatcher trusts what it read about a channel ({@code PINPUSH_CHANNEL_CACHE_TTL}, an ISO-8601
     * duration, default 30 s): a channel update reaches deliveries within this time.
     */
    public Duration channelCacheTtl() {
        return getDuration("PINPUSH_CHANNEL_CACHE_TTL", Duration.ofSeconds(30));
    }

    // Push providers. The defaults are the real services; the overrides point at stand-ins locally and in tests.

    /** The APNs production host ({@code PINPUSH_APNS_ENDPOINT}, host:port); absent means api.push.apple.com:443. */
    public Optional<InetSocketAddress> apnsEndpoint() {
        return get("PINPUSH_APNS_ENDPOINT").map(value -> hostAndPort("PINPUSH_APNS_ENDPOINT", value));
    }

    /** The APNs development host for sandbox channels ({@code PINPUSH_APNS_SANDBOX_ENDPOINT}, host:port). */
    public Optional<InetSocketAddress> apnsSandboxEndpoint() {
        return get("PINPUSH_APNS_SANDBOX_ENDPOINT").map(value -> hostAndPort("PINPUSH_APNS_SANDBOX_ENDPOINT", value));
    }

    /** A PEM file with the CA that signs the APNs server certificate, instead of the JDK's trust store (stand-ins only). */
    public Optional<Path> apnsTrustedCertificate() {
        return get("PINPUSH_APNS_TRUSTED_CERT").map(Path::of);
    }

    /** HTTP/2 connections each APNs client keeps open ({@code PINPUSH_APNS_CONNECTIONS}, default 1). */
    public int apnsConcurrentConnections() {
        return getInt("PINPUSH_APNS_CONNECTIONS", 1);
    }

    /** The FCM HTTP v1 base URL ({@code PINPUSH_FCM_ENDPOINT}). */
    public URI fcmEndpoint() {
        return URI.create(get("PINPUSH_FCM_ENDPOINT", "https://fcm.googleapis.com"));
    }

    /** The legacy FCM (server key) send URL ({@code PINPUSH_GCM_LEGACY_ENDPOINT}); Google has shut the real one down. */
    public URI gcmLegacyEndpoint() {
        return URI.create(get("PINPUSH_GCM_LEGACY_ENDPOINT", "https://fcm.googleapis.com/fcm/send"));
    }

    /** A PEM file with the CA that signs the FCM and OAuth servers' certificates, instead of the JDK's (stand-ins only). */
    public Optional<Path> fcmTrustedCertificate() {
        return get("PINPUSH_FCM_TRUSTED_CERT").map(Path::of);
    }

    /** The ADM API base URL ({@code PINPUSH_ADM_ENDPOINT}). */
    public URI admEndpoint() {
        return URI.create(get("PINPUSH_ADM_ENDPOINT", "https://api.amazon.com"));
    }

    /** Login with Amazon's OAuth token endpoint for ADM client credentials ({@code PINPUSH_ADM_TOKEN_ENDPOINT}). */
    public URI admTokenEndpoint() {
        return URI.create(get("PINPUSH_ADM_TOKEN_ENDPOINT", "https://api.amazon.com/auth/o2/token"));
    }

    /** The Baidu Cloud Push REST API 3.0 base URL ({@code PINPUSH_BAIDU_ENDPOINT}). */
    public URI baiduEndpoint() {
        return URI.create(get("PINPUSH_BAIDU_ENDPOINT", "https://api.tuisong.baidu.com/rest/3.0"));
    }

    /** How long one provider call may take, connecting included ({@code PINPUSH_PROVIDER_TIMEOUT}, ISO-8601, default PT10S). */
    public Duration providerTimeout() {
        return getDuration("PINPUSH_PROVIDER_TIMEOUT", Duration.ofSeconds(10));
    }

    private static InetSocketAddress hostAndPort(String name, String value) {
        int colon = value.lastIndexOf(':');
        try {
            if (colon <= 0) {
                throw new NumberFormatException();
            }
            return InetSocketAddress.createUnresolved(value.substring(0, colon), Integer.parseInt(value.substring(colon + 1)));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(name + " must be host:port, was " + value);
        }
    }

    /**
     * The deployment's own Kinesis data stream: every app's events go there, whatever PutEventStream says.
     * Absent means no deployment stream (only apps' own destinations, or the local event file).
     */
    public Optional<String> eventStreamName() {
        return get("PINPUSH_EVENT_STREAM_NAME");
    }

    /** The queue the job runner drains: import and export work ({@code PINPUSH_JOB_QUEUE_URL}). */
    public String jobQueueUrl() {
        return get("PINPUSH_JOB_QUEUE_URL").orElseThrow(() -> new IllegalStateException(
                "PINPUSH_JOB_QUEUE_URL is not set: import and export jobs need the job queue"));
    }

    /**
     * Where the dead-letter function puts dead-lettered messages that are not deliveries, for a person
     * ({@code PINPUSH_POISON_QUEUE_URL}); without it they stay on the dead-letter queue.
     */
    public Optional<String> poisonQueueUrl() {
        return get("PINPUSH_POISON_QUEUE_URL");
    }

    /** The SQS queue that holds events a stream would not take, until the replayer writes them. */
    public Optional<String> eventSpillQueueUrl() {
        return get("PINPUSH_EVENT_SPILL_QUEUE_URL");
    }

    /** Local only: a JSON-lines file that takes the place of the deployment stream. */
    public Optional<java.nio.file.Path> eventFile() {
        return get("PINPUSH_EVENT_FILE").map(java.nio.file.Path::of);
    }

    /** Local only: where events go that neither a stream nor a spill queue would take. */
    public Optional<java.nio.file.Path> eventSpillFile() {
        return get("PINPUSH_EVENT_SPILL_FILE").map(java.nio.file.Path::of);
    }

    /** How long events wait in memory to be batched before the background flush writes them. */
    public Duration eventFlushInterval() {
        return getDuration("PINPUSH_EVENT_FLUSH_INTERVAL", Duration.ofMillis(200));
    }

    /** How long an app's PutEventStream destination is cached by each function instance. */
    public Duration eventStreamCacheTtl() {
        return getDuration("PINPUSH_EVENT_STREAM_CACHE_TTL", Duration.ofSeconds(60));
    }
}
