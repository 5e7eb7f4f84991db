package io.pinpush.channels;

import io.pinpush.api.ApiRequest;
import io.pinpush.api.Route;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;

/**
 * The channel operations of the Pinpoint API: Get/Update/Delete for each push channel, and GetChannels.
 * The four APNs channels share one request and one response shape; only their path and platform differ.
 */
public final class ChannelRoutes {

    private static final String APP = "application-id";

    private ChannelRoutes() {
    }

    public static List<Route> routes(ChannelService channels) {
        List<Route> routes = new ArrayList<>();
        routes.addAll(channel(channels, "Apns", ChannelType.APNS, APNSChannelRequest.class, Channel::toApnsResponse));
        routes.addAll(channel(channels, "ApnsSandbox", ChannelType.APNS_SANDBOX, APNSChannelRequest.class,
                Channel::toApnsResponse));
        routes.addAll(channel(channels, "ApnsVoip", ChannelType.APNS_VOIP, APNSChannelRequest.class,
                Channel::toApnsResponse));
        routes.addAll(channel(channels, "ApnsVoipSandbox", ChannelType.APNS_VOIP_SANDBOX, APNSChannelRequest.class,
                Channel::toApnsResponse));
        routes.addAll(channel(channels, "Gcm", ChannelType.GCM, GCMChannelRequest.class, Channel::toGcmResponse));
        routes.addAll(channel(channels, "Baidu", ChannelType.BAIDU, BaiduChannelRequest.class,
                Channel::toBaiduResponse));
        routes.addAll(channel(channels, "Adm", ChannelType.ADM, ADMChannelRequest.class, Channel::toAdmResponse));
        routes.add(Route.of("GetChannels", "GET", "/v1/apps/{application-id}/channels", 200, req -> {
            Map<String, ChannelResponse> byType = new LinkedHashMap<>();
            channels.list(req.pathParam(APP)).forEach(c -> byType.put(c.type().name(), c.toChannelResponse()));
            return new ChannelsResponse(byType);
        }));
        return routes;
    }

    /** Update{Name}Channel, Get{Name}Channel and Delete{Name}Channel on {@code /v1/apps/{application-id}/channels/<type>}. */
    private static List<Route> channel(ChannelService channels, String name, ChannelType type,
                                       Class<? extends ChannelRequest> requestType,
                                       Function<Channel, Object> response) {
        String path = "/v1/apps/{application-id}/channels/" + Channel.idOf(type);
        return List.of(
                Route.of("Update" + name + "Channel", "PUT", path, 200, req -> response.apply(
                        channels.update(appId(req), type, req.body(requestType), req.caller()))),
                Route.of("Get" + name + "Channel", "GET", path, 200,
                        req -> response.apply(channels.get(appId(req), type))),
                Route.of("Delete" + name + "Channel", "DELETE", path, 200,
                        req -> response.apply(channels.delete(appId(req), type))));
    }

    private static String appId(ApiRequest req) {
        return req.pathParam(APP);
    }
}
