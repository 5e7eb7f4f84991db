package io.pinpush.functions.priming;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.Pinpush;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.functions.DispatcherHandler;
import io.pinpush.functions.SendHandler;
import io.pinpush.secrets.FileSecretStore;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MessagingPrimingTest {

    @TempDir
    Path secrets;

    @Test
    void deliveryAndDirectSendPayloadsRoundTrip() {
        MessagingPriming.json();
    }

    @Test
    void sendPrimingRequestsAreAnsweredWithoutAnyStoreOrQueue() throws IOException {
        try (AwsClients aws = new AwsClients(unreachableAws())) {
            // As SendHandler primes: through the send routes without the quota guard, which would write.
            Pinpush pinpush = pinpush(aws);
            SendHandler handler = new SendHandler(pinpush.sendRouter().withoutGuardsOrObservers(), pinpush.messaging());

            MessagingPriming.sendFunction((in, out) -> handler.handleRequest(in, out, new TestContext()));
        }
    }

    @Test
    void primingNoticesASendThatGotFurtherThanValidation() {
        MessagingPriming.StreamFunction accepting = (in, out) ->
                out.write("{\"statusCode\":200,\"body\":\"{}\"}".getBytes(StandardCharsets.UTF_8));

        assertThatThrownBy(() -> MessagingPriming.sendFunction(accepting))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("answered 200");
    }

    @Test
    void theDispatcherAndItsWarmUpsCreateNoProviderHttpClient() throws IOException {
        Set<String> before = threadNames();
        try (AwsClients aws = new AwsClients(unreachableAws())) {
            new DispatcherHandler(pinpush(aws));
            MessagingPriming.json();
            SdkPriming.sqs("us-east-1");

            // The JDK HttpClient (FCM, ADM, Baidu) starts its selector thread as soon as it is built.
            assertThat(threadNames()).filteredOn(name -> !before.contains(name))
                    .noneMatch(name -> name.startsWith("HttpClient-") || name.startsWith("nioEventLoopGroup"));
        }
    }

    private Pinpush pinpush(AwsClients aws) {
        return new Pinpush(aws.config(), aws, new FileSecretStore(secrets), Clock.systemUTC());
    }

    /** DynamoDB and SQS point at a port nothing listens on: priming that reached them would fail. */
    private static PinpushConfig unreachableAws() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        String nowhere = "http://127.0.0.1:" + closedPort;
        return new PinpushConfig(Map.of("PINPUSH_LOCAL_CREDENTIALS", "true", "PINPUSH_ENDPOINT_DYNAMODB", nowhere,
                "PINPUSH_ENDPOINT_SQS", nowhere,
                "PINPUSH_DELIVERY_QUEUE_URL", nowhere + "/000000000000/pinpush-delivery"));
    }

    private static Set<String> threadNames() {
        return Thread.getAllStackTraces().keySet().stream().map(Thread::getName).collect(Collectors.toSet());
    }
}
