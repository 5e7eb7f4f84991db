package io.pinpush.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The JDK reads the no-delay property when it creates its first server; these check what the helper leaves set. */
class LoopbackHttpServerTest {

    private String before;

    @BeforeEach
    void remember() {
        before = System.getProperty(LoopbackHttpServer.NO_DELAY);
    }

    @AfterEach
    void restore() {
        if (before == null) {
            System.clearProperty(LoopbackHttpServer.NO_DELAY);
        } else {
            System.setProperty(LoopbackHttpServer.NO_DELAY, before);
        }
    }

    @Test
    void turnsNagleOffForTheServersItCreates() throws Exception {
        System.clearProperty(LoopbackHttpServer.NO_DELAY);

        HttpServer server = LoopbackHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.stop(0);

        assertThat(System.getProperty(LoopbackHttpServer.NO_DELAY)).isEqualTo("true");
    }

    @Test
    void aValueGivenOnTheCommandLineWins() throws Exception {
        System.setProperty(LoopbackHttpServer.NO_DELAY, "false");

        HttpServer server = LoopbackHttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.stop(0);

        assertThat(System.getProperty(LoopbackHttpServer.NO_DELAY)).isEqualTo("false");
    }
}
