package io.pinpush.config;

import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.EnvironmentVariableCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.config.ClientOverrideConfiguration;
import software.amazon.awssdk.core.retry.RetryMode;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.firehose.FirehoseClient;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sts.StsClient;

/**
 * Builds the AWS SDK clients once per process, all on one URL-connection HTTP client.
 *
 * <p>The URL-connection client loads a fraction of the classes the Apache or Netty clients do, which
 * matters for Lambda cold starts; clients are created lazily so a function pays only for what it uses.
 */
public final class AwsClients implements AutoCloseable {

    private final PinpushConfig config;
    private final SdkHttpClient httpClient;
    private final AwsCredentialsProvider credentials;
    private final Lazy<DynamoDbClient> dynamoDb;
    private final Lazy<SecretsManagerClient> secretsManager;
    private final Lazy<SqsClient> sqs;
    private final Lazy<KinesisClient> kinesis;
    private final Lazy<FirehoseClient> firehose;
    private final Lazy<StsClient> sts;

    /**
     * Idle connections the JDK keeps per host for the URL-connection client (its default is five). The dispatcher
     * writes a batch's outcomes sixteen at a time; with five kept, the other eleven connections would be opened and
     * closed (a TLS handshake each) on every batch. Read once by the JDK, on first use, so it is set before any request.
     */
    static final String KEEP_ALIVE_CONNECTIONS = "20";

    public AwsClients(PinpushConfig config) {
        this.config = config;
        if (System.getProperty("http.maxConnections") == null) {
            System.setProperty("http.maxConnections", KEEP_ALIVE_CONNECTIONS);
        }
        this.httpClient = UrlConnectionHttpClient.builder()
                .connectionTimeout(java.time.Duration.ofSeconds(2))
                .socketTimeout(java.time.Duration.ofSeconds(30))
                .build();
        this.credentials = credentialsFor(config);
        this.dynamoDb = new Lazy<>(() -> configure(DynamoDbClient.builder(), "dynamodb").build());
        this.secretsManager = new Lazy<>(() -> configure(SecretsManagerClient.builder(), "secretsmanager").build());
        this.sqs = new Lazy<>(() -> configure(SqsClient.builder(), "sqs").build());
        this.kinesis = new Lazy<>(() -> configure(KinesisClient.builder(), "kinesis").build());
        this.firehose = new Lazy<>(() -> configure(FirehoseClient.builder(), "firehose").build());
        this.sts = new Lazy<>(() -> configure(StsClient.builder(), "sts").build());
    }

    public DynamoDbClient dynamoDb() {
        return dynamoDb.get();
    }

    public SecretsManagerClient secretsManager() {
        return secretsManager.get();
    }

    public SqsClient sqs() {
        return sqs.get();
    }

    /** Kinesis in this deployment's region with the function's own credentials (the deployment's event stream). */
    public KinesisClient kinesis() {
        return kinesis.get();
    }

    public FirehoseClient firehose() {
        return firehose.get();
    }

    /** STS, for assuming the roles customers name in PutEventStream. */
    public StsClient sts() {
        return sts.get();
    }

    public PinpushConfig config() {
        return config;
    }

    /** The services whose client has been built so far: what a function's cold start paid for. */
    public Set<String> built() {
        Set<String> built = new LinkedHashSet<>();
        Map.of("dynamodb", dynamoDb, "secretsmanager", secretsManager, "sqs", sqs, "kinesis", kinesis,
                "firehose", firehose, "sts", sts).forEach((service, client) -> {
                    if (client.isCreated()) {
                        built.add(service);
                    }
                });
        return built;
    }

    /** Applies region, credentials, HTTP client, retries and any emulator endpoint to a client builder. */
    public <B extends AwsClientBuilder<B, C> & software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder<B, C>, C>
            B configure(B builder, String service) {
        builder.region(Region.of(config.region()))
                .credentialsProvider(credentials)
                .httpClient(httpClient)
                .overrideConfiguration(ClientOverrideConfiguration.builder()
                        .retryStrategy(RetryMode.STANDARD)
                        .build());
        config.serviceEndpoint(service).ifPresent(builder::endpointOverride);
        return builder;
    }

    private static AwsCredentialsProvider credentialsFor(PinpushConfig config) {
        if (config.useLocalCredentials()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
        }
        if (config.get("AWS_ACCESS_KEY_ID").isPresent()) {
            // Lambda puts the role's credentials in the environment; reading them directly skips the chain's probing.
            return EnvironmentVariableCredentialsProvider.create();
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @Override
    public void close() {
        if (dynamoDb.isCreated()) dynamoDb.get().close();
        if (secretsManager.isCreated()) secretsManager.get().close();
        if (sqs.isCreated()) sqs.get().close();
        if (kinesis.isCreated()) kinesis.get().close();
        if (firehose.isCreated()) firehose.get().close();
        if (sts.isCreated()) sts.get().close();
        httpClient.close();
    }
}
