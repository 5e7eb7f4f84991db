package io.pinpush.functions.priming;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.awscore.client.builder.AwsSyncClientBuilder;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * Runs representative AWS SDK calls through the whole client pipeline (endpoint rules, marshalling,
 * signing) and stops each one just before it would be sent, so priming loads the SDK's classes without
 * touching the network or needing real credentials.
 *
 * <p>The calls go through throwaway clients with placeholder credentials; the function's own clients
 * share the same classes and are only ever used for real requests.
 */
public final class SdkPriming {

    private static final String TABLE = "pinpush-priming";

    private SdkPriming() {
    }

    /** GetItem, PutItem and Query: the shapes every store uses; BatchExecuteStatement: the dispatcher's outcome records. */
    public static void dynamoDb(String region) {
        dynamoDb(region, Optional.empty());
    }

    static void dynamoDb(String region, Optional<URI> endpoint) {
        try (SdkHttpClient http = UrlConnectionHttpClient.create();
             DynamoDbClient client = configure(DynamoDbClient.builder(), region, endpoint, http).build()) {
            Map<String, AttributeValue> key = Map.of("pk", AttributeValue.fromS("app"), "sk", AttributeValue.fromS("app"));
            stopBeforeSending(() -> client.getItem(b -> b.tableName(TABLE).key(key).consistentRead(true)));
            stopBeforeSending(() -> client.putItem(b -> b.tableName(TABLE)
                    .item(Map.of("pk", key.get("pk"), "sk", key.get("sk"), "doc", AttributeValue.fromS("{}")))
                    .conditionExpression("attribute_not_exists(pk)")));
            stopBeforeSending(() -> client.query(b -> b.tableName(TABLE).indexName("byCreation")
                    .keyConditionExpression("listPk = :pk")
                    .expressionAttributeValues(Map.of(":pk", AttributeValue.fromS("apps")))
                    .limit(10)));
            stopBeforeSending(() -> client.batchExecuteStatement(b -> b.statements(s -> s
                    .statement("INSERT INTO \"" + TABLE + "\" VALUE {'pk': ?, 'sk': ?}")
                    .parameters(key.get("pk"), key.get("sk")))));
        }
    }

    /** GetSecretValue and PutSecretValue: channel credentials. */
    public static void secretsManager(String region) {
        secretsManager(region, Optional.empty());
    }

    static void secretsManager(String region, Optional<URI> endpoint) {
        try (SdkHttpClient http = UrlConnectionHttpClient.create();
             SecretsManagerClient client = configure(SecretsManagerClient.builder(), region, endpoint, http).build()) {
            stopBeforeSending(() -> client.getSecretValue(b -> b.secretId("pinpush/priming")));
            stopBeforeSending(() -> client.putSecretValue(b -> b.secretId("pinpush/priming").secretString("{}")));
        }
    }

    /** SendMessageBatch: the send path's hand-off to the dispatcher. */
    public static void sqs(String region) {
        sqs(region, Optional.empty());
    }

    static void sqs(String region, Optional<URI> endpoint) {
        try (SdkHttpClient http = UrlConnectionHttpClient.create();
             SqsClient client = configure(SqsClient.builder(), region, endpoint, http).build()) {
            stopBeforeSending(() -> client.sendMessageBatch(b -> b
                    .queueUrl("https://sqs." + region + ".amazonaws.com/000000000000/pinpush-priming")
                    .entries(e -> e.id("0").messageBody("{}"))));
        }
    }

    private static <B extends AwsClientBuilder<B, C> & AwsSyncClientBuilder<B, C>, C> B configure(
            B builder, String region, Optional<URI> endpoint, SdkHttpClient http) {
        builder.region(Region.of(region))
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("priming", "priming")))
                .httpClient(http)
                .overrideConfiguration(o -> o
                        .addExecutionInterceptor(new StopBeforeSending())
                        .retryStrategy(AwsRetryStrategy.doNotRetry()));
        endpoint.ifPresent(builder::endpointOverride);
        return builder;
    }

    /** Runs a call that the interceptor stops; anything else that goes wrong is a real failure. */
    private static void stopBeforeSending(Runnable call) {
        try {
            call.run();
        } catch (RuntimeException e) {
            for (Throwable cause = e; cause != null; cause = cause.getCause()) {
                if (cause instanceof NotSent) {
                    return;
                }
            }
            throw e;
        }
        throw new IllegalStateException("A priming call reached the network");
    }

    /** Signed, marshalled and ready: stop here. */
    private static final class StopBeforeSending implements ExecutionInterceptor {
        @Override
        public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
            throw new NotSent();
        }
    }

    private static final class NotSent extends RuntimeException {
        NotSent() {
            super("priming call stopped before sending", null, false, false);
        }
    }
}
