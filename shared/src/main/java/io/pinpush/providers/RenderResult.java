package io.pinpush.providers;

/** A rendered notification, or why this address cannot get one (never a provider call for those). */
public sealed interface RenderResult {

    record Rendered(RenderedPush push) implements RenderResult {
    }

    /** The payload exceeds the provider's limit (APNs 4 KB, VoIP 5 KB, FCM 4 KB, ADM 6 KB, Baidu 4 KB). */
    record TooLarge(String statusMessage) implements RenderResult {
    }

    /** The message cannot be sent to this channel (for example RawContent that is not valid JSON). */
    record Invalid(String statusMessage) implements RenderResult {
    }
}
