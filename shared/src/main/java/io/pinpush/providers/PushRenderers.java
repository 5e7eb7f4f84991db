package io.pinpush.providers;

import io.pinpush.providers.apns.ApnsRenderer;
import io.pinpush.providers.fcm.FcmRenderer;
import java.time.Clock;

/** The renderer for every channel Pinpush delivers through, chosen by the request's channel type. */
public final class PushRenderers implements PushRenderer {

    private final ApnsRenderer apns;
    private final FcmRenderer fcm;

    public PushRenderers(Clock clock) {
        this.apns = new ApnsRenderer(clock);
        this.fcm = new FcmRenderer(clock);
    }

    @Override
    public RenderResult render(RenderRequest request) {
        if (request.channelType().isApns()) {
            return apns.render(request);
        }
        return switch (request.channelType()) {
            case GCM -> fcm.render(request);
            default -> new RenderResult.Invalid("Pinpush cannot deliver through " + request.channelType() + " channels yet");
        };
    }
}
