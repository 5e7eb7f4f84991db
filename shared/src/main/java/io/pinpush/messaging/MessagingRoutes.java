package io.pinpush.messaging;

import io.pinpush.api.Route;
import java.util.List;

/** SendMessages and SendUsersMessages: the messaging operations of the Pinpoint API. */
public final class MessagingRoutes {

    private MessagingRoutes() {
    }

    public static List<Route> routes(MessagingService messaging) {
        return List.of(
                Route.of("SendMessages", "POST", "/v1/apps/{application-id}/messages", 200,
                        req -> messaging.sendMessages(req.pathParam("application-id"), req.body(MessageRequest.class),
                                req.requestId(), messaging.defaultWait())),
                Route.of("SendUsersMessages", "POST", "/v1/apps/{application-id}/users-messages", 200,
                        req -> messaging.sendUsersMessages(req.pathParam("application-id"),
                                req.body(SendUsersMessageRequest.class), req.requestId(), messaging.defaultWait())));
    }
}
