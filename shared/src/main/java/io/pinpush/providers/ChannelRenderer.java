package io.pinpush.providers;

import io.pinpush.messaging.DirectMessageConfiguration;
import java.time.Clock;

/**
 * The part every provider's renderer shares: pick the channel's message (merged over the defaults), gather the
 * common content (overrides, substitutions, pinpoint data), and turn a message that cannot be sent into
 * {@link RenderResult.Invalid} in one place. Subclasses only write their provider's wire format.
 *
 * @param <M> the channel's Pinpoint message shape (APNSMessage, GCMMessage, ADMMessage, BaiduMessage)
 */
public abstract class ChannelRenderer<M> implements PushRenderer {

    protected final Clock clock;

    protected ChannelRenderer(Clock clock) {
        this.clock = clock;
    }

    @Override
    public final RenderResult render(RenderRequest request) {
        try {
            M message = message(request.messageConfiguration());
            return render(request, message, PushContent.of(request, fields(message)));
        } catch (InvalidMessage e) {
            return new RenderResult.Invalid(e.getMessage());
        }
    }

    /** The channel's message with the default messages' members filled in where it leaves them out. */
    protected abstract M message(DirectMessageConfiguration configuration);

    /** The members every push message has, read from the channel's message. */
    protected abstract PushContent.ChannelFields fields(M message);

    /** The provider's wire format; throws {@link InvalidMessage} for content that cannot be sent. */
    protected abstract RenderResult render(RenderRequest request, M message, PushContent content);
}
