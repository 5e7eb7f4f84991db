package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.pinpush.Pinpush;
import io.pinpush.api.ApiRequest;
import io.pinpush.api.Router;
import io.pinpush.functions.priming.ApiPriming;
import io.pinpush.functions.priming.ClassPreloader;
import io.pinpush.functions.priming.Priming;
import io.pinpush.functions.priming.SdkPriming;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.util.function.Function;
import org.slf4j.MDC;
import software.amazon.lambda.powertools.logging.PowertoolsLogging;

/**
 * The API function: every Pinpoint REST operation routed from API Gateway's HTTP API (payload v2).
 *
 * <p>Lambda calls the no-argument constructor, which wires the real dependencies once per container
 * and registers the SnapStart priming; tests and the local server pass a router of their own.
 *
 * <p>A stream handler, like the send and dispatcher functions: it reads the event and writes the answer with the
 * function's own JSON library. As a {@code RequestHandler} it had Lambda's runtime do that with a second JSON
 * library of its own, loaded on every cold start (README, Benchmarks (4)). The local server and tests hand it
 * Lambda's event class ({@link #handle}).
 */
public final class ApiHandler implements RequestStreamHandler {

    /** Powertools' log field for the id that ties a log line to the caller's request. */
    static final String CORRELATION_ID = "correlation_id";

    private final Router router;
    /** Writes what the invocation buffered (events, metrics, KPI counts) before Lambda freezes the process. */
    private final Runnable afterInvocation;
    /** Held so the CRaC runtime, which keeps resources weakly, still has the hooks at snapshot time. */
    private final Priming priming;

    public ApiHandler() {
        this(ClassPreloader.startThenWire("api"));
    }

    private ApiHandler(Pinpush pinpush) {
        this.router = pinpush.apiRouter();
        this.afterInvocation = pinpush::flushAfterInvocation;
        String region = pinpush.config().region();
        this.priming = Priming.builder()
                .warmUp("json", ApiPriming::json)
                .warmUp("lazy parts", pinpush::warmUp)
                .warmUp("http api", () -> {
                    // Priming must not count against a quota nor leave an audit record (DynamoDB writes).
                    Router unobserved = router.withoutGuardsOrObservers();
                    try {
                        ApiPriming.httpApi(event -> throughJson(unobserved, event), pinpush.accessControl().keysEnforced());
                    } finally {
                        MDC.clear();
                    }
                })
                .warmUp("aws sdk", () -> {
                    // Builds the function's own clients (no connection is opened until the first request)...
                    pinpush.aws().dynamoDb();
                    pinpush.aws().secretsManager();
                    // ...and runs representative calls through throwaway ones that stop before sending.
                    SdkPriming.dynamoDb(region);
                    SdkPriming.secretsManager(region);
                })
                // Nothing to re-create after a restore: the warm-ups open no connection, and the AWS SDK
                // clients connect (and fetch SnapStart's container credentials) on first use.
                .register();
    }

    public ApiHandler(Router router) {
        this(router, () -> { });
    }

    /** {@code afterInvocation} runs at the end of every invocation (the local server flushes Pinpush with it). */
    public ApiHandler(Router router, Runnable afterInvocation) {
        this.router = router;
        this.afterInvocation = afterInvocation;
        this.priming = null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        answer(input, output, event -> handle(event, context));
    }

    /** Reads the HTTP API event from {@code input}, and writes what {@code handling} makes of it to {@code output}. */
    private static void answer(InputStream input, OutputStream output,
                               Function<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handling) throws IOException {
        EventJson.mapper().writeValue(output, handling.apply(EventJson.mapper().readValue(input, APIGatewayV2HTTPEvent.class)));
    }

    /** The same as {@link #handleRequest}, for a caller that holds the event as Lambda's class (the local server). */
    public APIGatewayV2HTTPResponse handle(APIGatewayV2HTTPEvent event, Context context) {
        try {
            return PowertoolsLogging.withLogging(context, () -> route(router, event));
        } finally {
            afterInvocation.run();
        }
    }

    /** For priming: the event as bytes through the same reading and writing as {@link #handleRequest}. */
    private static APIGatewayV2HTTPResponse throughJson(Router router, APIGatewayV2HTTPEvent event) {
        try {
            ByteArrayOutputStream answer = new ByteArrayOutputStream();
            answer(new ByteArrayInputStream(EventJson.mapper().writeValueAsBytes(event)), answer, read -> route(router, read));
            return EventJson.mapper().readValue(answer.toByteArray(), APIGatewayV2HTTPResponse.class);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static APIGatewayV2HTTPResponse route(Router router, APIGatewayV2HTTPEvent event) {
        ApiRequest request = HttpEvents.toApiRequest(event);
        MDC.put(CORRELATION_ID, request.requestId());
        return HttpEvents.toEvent(router.handle(request));
    }
}
