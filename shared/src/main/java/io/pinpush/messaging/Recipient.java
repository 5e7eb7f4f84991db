package io.pinpush.messaging;

import io.pinpush.endpoints.EndpointResponse;
import java.util.LinkedHashMap;
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
                    config.substitutions(), merge(requestContext, config.context()));
        }

        public static Overrides of(EndpointSendConfiguration config, Map<String, String> requestContext) {
            if (config == null) {
                return new Overrides(null, null, null, null, merge(requestContext, null));
            }
            return new Overrides(config.bodyOverride(), config.titleOverride(), config.rawContent(),
                    config.substitutions(), merge(requestContext, config.context()));
        }

        /** The recipient's Context over the request's; a JSON-null value is left out (FCM refuses non-string data). */
        private static Map<String, String> merge(Map<String, String> request, Map<String, String> recipient) {
            Map<String, String> merged = new LinkedHashMap<>();
            for (Map<String, String> context : java.util.Arrays.asList(request, recipient)) {
                if (context != null) {
                    context.forEach((name, value) -> {
                        if (name != null && value != null) {
                            merged.put(name, value);
                        }
                    });
                }
            }
            return merged.isEmpty() ? null : merged;
        }
    }

    /** An endpoint id the request named that does not exist. */
    public boolean isMissingEndpoint() {
        return !target.isRawAddress() && endpoint == null;
    }
}
