package io.pinpush.providers.baidu;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.messaging.Action;
import io.pinpush.messaging.BaiduMessage;
import io.pinpush.messaging.DirectMessageConfiguration;
import io.pinpush.providers.ChannelRenderer;
import io.pinpush.providers.InvalidMessage;
import io.pinpush.providers.PayloadJson;
import io.pinpush.providers.PinpointData;
import io.pinpush.providers.PushContent;
import io.pinpush.providers.RenderRequest;
import io.pinpush.providers.RenderResult;
import io.pinpush.providers.RenderedPush;
import java.time.Clock;
import java.util.Map;

/**
 * Renders Pinpoint message settings as a Baidu Cloud Push {@code push/single_device} request. The rendered body
 * is a JSON object of the request's own parameters, {@code {"channel_id", "msg_type", "msg", "msg_expires"}};
 * the sender adds apikey, timestamp and sign when it sends, because the signature covers the send time.
 *
 * <p>{@code msg_type} 1 is a notification Baidu's Android SDK shows ({@code title}, {@code description}, for the
 * URL action {@code open_type} 1 with {@code url}); a SilentPush is 0, a pass-through message the app handles.
 * Both carry the same {@code pinpoint.*} keys as FCM in {@code custom_content}. RawContent is the {@code msg}
 * as written. TimeToLive becomes {@code msg_expires} (Baidu keeps messages 1 s to 7 days).
 */
public final class BaiduRenderer extends ChannelRenderer<BaiduMessage> {

    /** Baidu's limit on {@code msg}. */
    public static final int MAX_PAYLOAD_BYTES = 4096;
    static final int MAX_EXPIRES = 604_800;
    static final int NOTIFICATION = 1;
    static final int PASS_THROUGH = 0;
    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    public BaiduRenderer(Clock clock) {
        super(clock);
    }

    @Override
    protected PushContent.ChannelFields fields(BaiduMessage message) {
        return new PushContent.ChannelFields(message.action(), message.title(), message.body(), message.url(),
                message.silentPush(), message.data(), message.substitutions(), message.rawContent());
    }

    @Override
    protected RenderResult render(RenderRequest request, BaiduMessage message, PushContent content) {
        String msg = PayloadJson.write(content.hasRawContent()
                ? PayloadJson.parseObject(content.rawContent(), "RawContent") : standard(request, message, content));
        int size = PayloadJson.utf8Length(msg);
        if (size > MAX_PAYLOAD_BYTES) {
            return new RenderResult.TooLarge("The Baidu message is " + size + " bytes; Baidu accepts at most "
                    + MAX_PAYLOAD_BYTES + " bytes");
        }
        ObjectNode params = JSON.objectNode();
        params.put("channel_id", request.address());
        params.put("msg_type", content.silentPush() ? PASS_THROUGH : NOTIFICATION);
        params.put("msg", msg);
        Long expiresAt = null;
        if (message.timeToLive() != null) {
            if (message.timeToLive() < 1 || message.timeToLive() > MAX_EXPIRES) {
                throw new InvalidMessage("TimeToLive must be between 1 and " + MAX_EXPIRES + " seconds (7 days) for Baidu, was "
                        + message.timeToLive());
            }
            params.put("msg_expires", message.timeToLive());
            expiresAt = clock.millis() + message.timeToLive() * 1000L;
        }
        return new RenderResult.Rendered(new RenderedPush(request.channelType(), request.address(),
                PayloadJson.write(params), Map.of(), expiresAt));
    }

    @Override
    protected BaiduMessage message(DirectMessageConfiguration configuration) {
        BaiduMessage message = configuration == null ? null : configuration.baiduMessage();
        return message != null ? message
                : new BaiduMessage(null, null, null, null, null, null, null, null, null, null, null, null, null, null);
    }

    private static ObjectNode standard(RenderRequest request, BaiduMessage message, PushContent content) {
        ObjectNode msg = JSON.objectNode();
        putIfPresent(msg, "title", content.title());
        putIfPresent(msg, "description", content.body());
        if (!content.silentPush() && content.action() == Action.URL && content.url() != null) {
            msg.put("open_type", 1);
            msg.put("url", content.url());
        }
        Map<String, String> data = PinpointData.androidData(request, content, new PinpointData.Images(message.imageUrl(),
                message.imageIconUrl(), message.smallImageIconUrl(), message.iconReference()));
        if (message.sound() != null) {
            data.putIfAbsent(PinpointData.NOTIFICATION + "sound", message.sound());
        }
        data.forEach(msg.putObject("custom_content")::put);
        return msg;
    }

    private static void putIfPresent(ObjectNode node, String field, String value) {
        if (value != null) {
            node.put(field, value);
        }
    }
}
