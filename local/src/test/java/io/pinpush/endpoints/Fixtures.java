package io.pinpush.endpoints;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointRequest;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;

/** Small steps the endpoint tests share: a fresh app per test, endpoints written and read through the SDK. */
final class Fixtures {

    private Fixtures() {
    }

    static String newApp(PinpointClient pinpoint) {
        return pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("endpoints-test")))
                .applicationResponse().id();
    }

    static void put(PinpointClient pinpoint, String appId, String endpointId, Consumer<EndpointRequest.Builder> request) {
        pinpoint.updateEndpoint(b -> b.applicationId(appId).endpointId(endpointId).endpointRequest(request));
    }

    static void putPush(PinpointClient pinpoint, String appId, String endpointId, String userId) {
        put(pinpoint, appId, endpointId, r -> r.channelType(ChannelType.GCM).address("token-" + endpointId)
                .user(u -> u.userId(userId)));
    }

    static EndpointResponse get(PinpointClient pinpoint, String appId, String endpointId) {
        return pinpoint.getEndpoint(b -> b.applicationId(appId).endpointId(endpointId)).endpointResponse();
    }

    static Map<String, List<String>> attribute(String name, String... values) {
        return Map.of(name, List.of(values));
    }
}
