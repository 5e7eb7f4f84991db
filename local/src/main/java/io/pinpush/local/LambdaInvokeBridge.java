package io.pinpush.local;

import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpHandler;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lambda's Invoke API ({@code POST /2015-03-31/functions/{name}/invocations}) for the send function, so other
 * functions, the typed client and {@code aws lambda invoke --endpoint-url ...} reach it locally exactly as in AWS.
 * {@code X-Amz-Invocation-Type: Event} answers 202 at once and runs the function in the background.
 */
final class LambdaInvokeBridge implements HttpHandler {

    static final String PATH = "/2015-03-31/functions/";

    private static final Logger LOG = LoggerFactory.getLogger(LambdaInvokeBridge.class);

    private final String functionName;
    private final RequestStreamHandler function;
    private final ExecutorService background;

    LambdaInvokeBridge(String functionName, RequestStreamHandler function, ExecutorService background) {
        this.functionName = functionName;
        this.function = function;
        this.background = background;
    }

    @Override
    public void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            if (!"POST".equals(exchange.getRequestMethod()) || !path.endsWith("/invocations")) {
                reply(exchange, 404, "ResourceNotFoundException", error("No such Lambda operation: " + path));
                return;
            }
            String name = nameOf(path.substring(PATH.length(), path.length() - "/invocations".length()));
            if (!functionName.equals(name)) {
                reply(exchange, 404, "ResourceNotFoundException",
                        error("Function not found: " + name + " (the local server runs " + functionName + ")"));
                return;
            }
            byte[] payload;
            try (InputStream in = exchange.getRequestBody()) {
                payload = in.readAllBytes();
            }
            String type = exchange.getRequestHeaders().getFirst("X-Amz-Invocation-Type");
            if ("Event".equals(type)) {
                background.submit(() -> invoke(payload));
                reply(exchange, 202, null, new byte[0]);
            } else if ("DryRun".equals(type)) {
                reply(exchange, 204, null, new byte[0]);
            } else {
                Invocation result = invoke(payload);
                if (result.failed()) {
                    exchange.getResponseHeaders().set("X-Amz-Function-Error", "Unhandled");
                }
                reply(exchange, 200, null, result.payload());
            }
        }
    }

    private Invocation invoke(byte[] payload) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try {
            function.handleRequest(new ByteArrayInputStream(payload), out, new LocalContext());
            return new Invocation(false, out.toByteArray());
        } catch (IOException | RuntimeException e) {
            LOG.error("The send function failed", e);
            String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
            return new Invocation(true, ("{\"errorMessage\":" + quote(message) + ",\"errorType\":"
                    + quote(e.getClass().getName()) + "}").getBytes(StandardCharsets.UTF_8));
        }
    }

    /** A function is named by name, by ARN, or by partial ARN, optionally with a qualifier. */
    static String nameOf(String reference) {
        String decoded = java.net.URLDecoder.decode(reference, StandardCharsets.UTF_8);
        int function = decoded.indexOf("function:");
        String name = function >= 0 ? decoded.substring(function + "function:".length()) : decoded;
        int qualifier = name.indexOf(':');
        return qualifier >= 0 ? name.substring(0, qualifier) : name;
    }

    private static void reply(HttpExchange exchange, int status, String errorType, byte[] body) throws IOException {
        exchange.getResponseHeaders().set("Content-Type", "application/json");
        exchange.getResponseHeaders().set("X-Amz-Executed-Version", "$LATEST");
        if (errorType != null) {
            exchange.getResponseHeaders().set("X-Amzn-ErrorType", errorType);
        }
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static byte[] error(String message) {
        return ("{\"Type\":\"User\",\"Message\":" + quote(message) + "}").getBytes(StandardCharsets.UTF_8);
    }

    private static String quote(String text) {
        return io.pinpush.api.Json.write(text);
    }

    private record Invocation(boolean failed, byte[] payload) {
    }
}
