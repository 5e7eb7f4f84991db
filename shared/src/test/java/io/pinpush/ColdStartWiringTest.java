package io.pinpush;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.secrets.SecretStore;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Building the composition root, as every Lambda function does in its constructor, pays only for what the first
 * event of any function needs: the DynamoDB client. The Secrets Manager client (channel credentials) and the SQS
 * client (event spill) are built when first called, even with the settings the stack gives every function.
 */
class ColdStartWiringTest {

    @Test
    void buildingPinpushBuildsOnlyTheDynamoDbClient() {
        PinpushConfig config = new PinpushConfig(Map.of(
                "AWS_REGION", "us-east-1",
                "PINPUSH_LOCAL_CREDENTIALS", "true",
                "PINPUSH_SECRET_STORE", "secretsmanager",
                "PINPUSH_EVENT_SPILL_QUEUE_URL", "https://sqs.us-east-1.amazonaws.com/000000000000/pinpush-spill",
                "PINPUSH_EVENT_STREAM_NAME", "pinpush-events"));
        AwsClients aws = new AwsClients(config);
        try (Pinpush pinpush = new Pinpush(config, aws, SecretStore.from(config, aws), Clock.systemUTC())) {
            pinpush.apiRouter();
            pinpush.sendRouter();

            assertThat(aws.built()).containsExactly("dynamodb");
        }
    }
}
