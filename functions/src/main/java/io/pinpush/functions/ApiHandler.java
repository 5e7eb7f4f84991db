package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import io.pinpush.Pinpush;
import io.pinpush.api.Router;

/**
 * The API function: every Pinpoint REST operation routed from API Gateway's HTTP API (payload v2).
 *
 * <p>Lambda calls the no-argument constructor, which wires the real dependencies once per container;
 * tests and the local server pass a router of their own.
 */
public final class ApiHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final Router router;

    public ApiHandler() {
        this(Pinpush.fromEnvironment().apiRouter());
    }

    public ApiHandler(Router router) {
        this.router = router;
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return HttpEvents.toEvent(router.handle(HttpEvents.toApiRequest(event)));
    }
}
