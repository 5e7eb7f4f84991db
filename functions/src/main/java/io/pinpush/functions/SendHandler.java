package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.Pinpush;
import io.pinpush.api.ApiError;
import io.pinpush.api.Ids;
import io.pinpush.api.Json;
import io.pinpush.api.RequestBodies;
import io.pinpush.api.Router;
import io.pinpush.functions.priming.ClassPreloader;
import io.pinpush.functions.priming.MessagingPriming;
import io.pinpush.functions.priming.Priming;
import io.pinpush.functions.priming.SdkPriming;
import io.pinpush.messaging.DirectSendRequest;
import io.pinpush.messaging.DirectSendResponse;
import io.pinpush.messaging.MessagingService;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Duration;

/**
 * The send function: SendMessages and SendUsersMessages, reached two ways.
 * <ul>
 *   <li>Over HTTP: an API Gateway HTTP API (payload v2) event, answered through the same router as the API function.</li>
 *   <li>Directly by other Lambda functions: {@code {"ApplicationId": ..., "MessageRequest": {...}}} or
 *       {@code {"ApplicationId": ..., "SendUsersMessageRequest": {...}}}, answered with
 *       {@code {"MessageResponse": ...}} / {@code {"SendUsersMessageResponse": ...}} (see {@link DirectSendRequest}).</li>
 * </ul>
 * A stream handler, because one function takes two unrelated event shapes.
 */
public final class SendHandler implements RequestStreamHandler {

    /** Stop waiting for outcomes this long before Lambda's deadline, to leave time to answer. */
    static final Duration ANSWER_MARGIN = Duration.ofSeconds(2);

    private final Router router;
    private final MessagingService messaging;
    private final Runnable flushEvents;
    /** Held so the CRaC runtime, which keeps resources weakly, still has the hooks at snapshot time. */
    private final Priming priming;

    /** Lambda's constructor: wires the real dependencies once per container and registers SnapStart priming. */
    public SendHandler() {
        this(ClassPreloader.startThenWire("send"), true);
    }

    public SendHandler(Pinpush pinpush) {
        this(pinpush, false);
    }

    private SendHandler(Pinpush pinpush, boolean snapStart) {
        this.router = pinpush.sendRouter();
        this.messaging = pinpush.messaging();
        this.flushEvents = pinpush::flushAfterInvocation;
        this.priming = snapStart ? priming(pinpush) : null;
    }

    public SendHandler(Router router, MessagingService messaging) {
        this(router, messaging, () -> { });
    }

    /** {@code flushEvents} runs at the end of every invocation: events must be written before Lambda freezes us. */
    public SendHandler(Router router, MessagingService messaging, Runnable flushEvents) {
        this.router = router;
        this.messaging = messaging;
        this.flushEvents = flushEvents;
        this.priming = null;
    }

    private Priming priming(Pinpush pinpush) {
        String region = pinpush.config().region();
        return Priming.builder()
                .warmUp("json", MessagingPriming::json)
                .warmUp("lazy parts", pinpush::warmUp)
                // Not handleRequest: flushing events belongs to real invocations.
                // Priming must not count against a quota (a DynamoDB write before the snapshot).
                .warmUp("send requests", () -> {
                    Router unobserved = router.withoutGuardsOrObservers();
                    MessagingPriming.sendFunction((in, out) -> answer(unobserved, in, out, null),
                            pinpush.accessControl().keysEnforced());
                })
                .warmUp("aws sdk", () -> {
                    // Builds the function's own clients (no connection is opened until the first request)...
                    pinpush.aws().dynamoDb();
                    pinpush.aws().sqs();
                    // ...and runs representative calls through throwaway ones that stop before sending.
                    SdkPriming.dynamoDb(region);
                    SdkPriming.sqs(region);
                })
                // Nothing to re-create after a restore: the send function holds no provider client, and the AWS
                // SDK clients connect (and fetch SnapStart's container credentials) on first use.
                .register();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        try {
            answer(router, input, output, context);
        } finally {
            flushEvents.run();
        }
    }

    private void answer(Router router, InputStream input, OutputStream output, Context context) throws IOException {
        JsonNode event = EventJson.mapper().readTree(input);
        if (isHttpEvent(event)) {
            APIGatewayV2HTTPEvent http = EventJson.mapper().treeToValue(event, APIGatewayV2HTTPEvent.class);
            EventJson.mapper().writeValue(output, HttpEvents.toEvent(router.handle(HttpEvents.toApiRequest(http))));
        } else {
            Json.mapper().writeValue(output, direct(event, context));
        }
    }

    /** The caller's mistakes come back as an Error answer; anything else is a function error, which Lambda retries. */
    private DirectSendResponse direct(JsonNode event, Context context) {
        String requestId = context != null && context.getAwsRequestId() != null ? context.getAwsRequestId() : Ids.newId();
        try {
            DirectSendRequest request = RequestBodies.read(event == null || event.isMissingNode() ? null : event.toString(),
                    DirectSendRequest.class);
            return messaging.send(request, requestId, waitLimit(context));
        } catch (ApiError error) {
            if (error.type() == ApiError.Type.INTERNAL) {
                throw error;
            }
            return DirectSendResponse.error(error.type().errorType(), error.type().status(), error.getMessage(), requestId);
        }
    }

    private static Duration waitLimit(Context context) {
        if (context == null) {
            return Duration.ofDays(1);
        }
        Duration left = Duration.ofMillis(context.getRemainingTimeInMillis()).minus(ANSWER_MARGIN);
        return left.isNegative() ? Duration.ZERO : left;
    }

    private static boolean isHttpEvent(JsonNode event) {
        return event != null && event.isObject() && event.has("requestContext")
                && (event.has("rawPath") || event.has("routeKey"));
    }
}
