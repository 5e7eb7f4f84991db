package io.pinpush.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.channels.ChannelType;
import io.pinpush.local.LocalServer;
import io.pinpush.messaging.AddressConfiguration;
import io.pinpush.messaging.DefaultPushNotificationMessage;
import io.pinpush.messaging.DirectMessageConfiguration;
import io.pinpush.messaging.MessageRequest;
import io.pinpush.testing.PinpushExtension;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/** The typed client over the real AWS SDK Lambda client, against the local server's Invoke API. */
@ExtendWith(PinpushExtension.class)
class PinpushSendClientTest {

    static final MessageRequest REQUEST = new MessageRequest(
            Map.of("0a1b2c3d", new AddressConfiguration(null, ChannelType.APNS, null, null, null, null)), null, null,
            DirectMessageConfiguration.push(null, null,
                    new DefaultPushNotificationMessage(null, "Hello", null, null, null, null, null)), null, null);

    @Test
    void theSendFunctionsRefusalIsATypedExceptionWithTheApiStatus(LocalServer server) {
        try (LambdaClient lambda = lambda(server); PinpushSendClient client = client(lambda, "pinpush-send")) {
            assertThatThrownBy(() -> client.sendMessages("0123456789abcdef0123456789abcdef", REQUEST))
                    .isInstanceOfSatisfying(PinpushSendException.class, e -> {
                        assertThat(e.errorType()).isEqualTo("NotFoundException");
                        assertThat(e.statusCode()).isEqualTo(404);
                        assertThat(e.isClientError()).isTrue();
                        assertThat(e.requestId()).isNotBlank();
                        assertThat(e.getMessage()).contains("0123456789abcdef0123456789abcdef");
                    });
        }
    }

    @Test
    void aChannelTheAppLacksIsABadRequest(LocalServer server, PinpointClient pinpoint) {
        String app = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("client"))).applicationResponse().id();
        String byArn = "arn:aws:lambda:us-east-1:000000000000:function:pinpush-send";
        try (LambdaClient lambda = lambda(server); PinpushSendClient client = client(lambda, byArn)) {
            assertThatThrownBy(() -> client.sendMessages(app, REQUEST))
                    .isInstanceOfSatisfying(PinpushSendException.class,
                            e -> assertThat(e.errorType()).isEqualTo("BadRequestException"))
                    .hasMessageContaining("APNS");
        }
    }

    @Test
    void anAsynchronousSendReturnsOnceLambdaAcceptedIt(LocalServer server) {
        try (LambdaClient lambda = lambda(server); PinpushSendClient client = client(lambda, "pinpush-send")) {
            client.enqueueMessages("0123456789abcdef0123456789abcdef", REQUEST);
        }
    }

    @Test
    void anUnknownFunctionIsLambdasResourceNotFound(LocalServer server) {
        try (LambdaClient lambda = lambda(server); PinpushSendClient client = client(lambda, "someone-else")) {
            assertThatThrownBy(() -> client.sendMessages("a", REQUEST)).isInstanceOf(ResourceNotFoundException.class);
        }
    }

    static LambdaClient lambda(LocalServer server) {
        return LambdaClient.builder().endpointOverride(server.endpoint()).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static PinpushSendClient client(LambdaClient lambda, String functionName) {
        return PinpushSendClient.builder().lambdaClient(lambda).functionName(functionName).build();
    }
}
