package io.pinpush.messaging;

import io.pinpush.endpoints.EndpointResponse;
import java.util.List;
import java.util.Map;

/**
 * One recipient a request names, with what was looked up about it, before anything is decided.
 *
 * @param endpoint the stored endpoint; null for a raw address, and for an endpoint id that does not exist
 */
public record Recipient(DeliveryTarget target, EndpointResponse endpoint, Overrides overrides) {

    /** Per-recipient content: BodyOverride, TitleOverride, RawContent, Substitutions, and Context merged over the request's. */
    public record Overrides(String body, String title, String rawContent, Map<String, List<String>> substitutions,
                            Map<String, String> context) {

        public static Overrides of(AddressConfiguration config, Map<String, String> requestContext) {
            return new Overrides(config.bodyOverride(), config.titleOverride(), config.rawContent(),
                    config.substitutions(), ContextMaps.merged(requestContext, config.context()));
        }

        public static Overrides of(EndpointSendConfiguration config, Map<String, String> requestContext) {
            if (config == null) {
                return new Overrides(null, null, null, null, ContextMaps.merged(requestContext));
            }
            return new Overrides(config.bodyOverride(), config.titleOverride(), config.rawContent(),
                    config.substitutions(), ContextMaps.merged(requestContext, config.context()));
        }
    }

    /** An endpoint id the request named that does not exist. */
    public boolean isMissingEndpoint() {
        return !target.isRawAddress() && endpoint == null;
    }
}
