package io.pinpush.functions.priming;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.net.URI;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Priming runs the SDK's whole request pipeline yet never opens a connection, even to a reachable endpoint. */
class SdkPrimingTest {

    private ServerSocket server;
    private final AtomicInteger connections = new AtomicInteger();
    private Thread acceptor;

    @BeforeEach
    void listen() throws IOException {
        server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
        acceptor = new Thread(() -> {
            while (!server.isClosed()) {
                try (Socket ignored = server.accept()) {
                    connections.incrementAndGet();
                } catch (SocketException closed) {
                    return;
                } catch (IOException e) {
                    return;
                }
            }
        });
        acceptor.setDaemon(true);
        acceptor.start();
    }

    @AfterEach
    void close() throws Exception {
        server.close();
        acceptor.join(5_000);
    }

    @Test
    void dynamoDbSecretsManagerAndSqsCallsStopBeforeTheWire() throws Exception {
        Optional<URI> endpoint = Optional.of(URI.create("http://127.0.0.1:" + server.getLocalPort()));

        SdkPriming.dynamoDb("us-east-1", endpoint);
        SdkPriming.secretsManager("eu-west-1", endpoint);
        SdkPriming.sqs("ap-southeast-2", endpoint);

        // A connection, had one been opened, would have been accepted by now: the calls above are synchronous.
        server.close();
        acceptor.join(5_000);
        assertThat(connections).hasValue(0);
    }

    @Test
    void regionalEndpointsResolveWithoutNetwork() {
        SdkPriming.dynamoDb("us-west-2");
        SdkPriming.secretsManager("us-west-2");
        SdkPriming.sqs("us-west-2");
    }
}
