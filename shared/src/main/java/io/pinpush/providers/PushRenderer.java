package io.pinpush.providers;

/** Turns Pinpoint message settings into one provider's wire format. One implementation per provider family. */
public interface PushRenderer {

    RenderResult render(RenderRequest request);
}
