package io.pinpush.local;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;

/**
 * Creates the JDK {@link HttpServer}s of the local server and its stand-ins with Nagle's algorithm off.
 *
 * <p>Why: the JDK's server writes a response's headers and flushes them before the body (JDK-6968351). On a kept-alive
 * connection the small body then waits, under Nagle's algorithm, for the client to acknowledge the headers, and the
 * client delays that acknowledgement (about 40 ms on Linux). Every API answer paid that stall: for SendMessages it was
 * about half of the local latency. The JDK reads {@code sun.net.httpserver.nodelay} once, when its first server is
 * created in the JVM, so this has to run before any other code creates one; a value set on the command line wins.
 */
public final class LoopbackHttpServer {

    static final String NO_DELAY = "sun.net.httpserver.nodelay";

    private LoopbackHttpServer() {
    }

    public static HttpServer create(InetSocketAddress address, int backlog) throws IOException {
        if (System.getProperty(NO_DELAY) == null) {
            System.setProperty(NO_DELAY, "true");
        }
        return HttpServer.create(address, backlog);
    }
}
