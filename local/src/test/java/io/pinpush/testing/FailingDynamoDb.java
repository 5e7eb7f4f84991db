package io.pinpush.testing;

import io.pinpush.config.AwsClients;
import java.util.function.Predicate;
import software.amazon.awssdk.core.SdkRequest;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * A DynamoDB client to the same DynamoDB Local as {@code aws}'s, whose requests fail as an unreachable DynamoDB's
 * would (before they are sent) while {@code failing} says so: the real store, with a fault where a test puts it.
 */
public final class FailingDynamoDb {

    private FailingDynamoDb() {
    }

    public static DynamoDbClient failingWhen(AwsClients aws, Predicate<SdkRequest> failing) {
        return aws.configure(DynamoDbClient.builder(), "dynamodb")
                .overrideConfiguration(o -> o.addExecutionInterceptor(new ExecutionInterceptor() {
                    @Override
                    public void beforeExecution(Context.BeforeExecution context, ExecutionAttributes attributes) {
                        if (failing.test(context.request())) {
                            throw SdkClientException.create("DynamoDB is unreachable (test)");
                        }
                    }
                }))
                .build();
    }
}
