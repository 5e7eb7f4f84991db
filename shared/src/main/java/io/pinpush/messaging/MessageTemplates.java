package io.pinpush.messaging;

import io.pinpush.api.ApiError;
import io.pinpush.endpoints.EndpointResponse;
import java.util.List;
import java.util.Map;

/**
 * Push templates as a send uses them (the composition root adapts the templates package to this): resolve the
 * template a TemplateConfiguration names once per send, then personalize the message for each recipient.
 */
@FunctionalInterface
public interface MessageTemplates {

    /** For a Pinpush without templates: a send naming one is refused. */
    MessageTemplates NONE = (template, message) -> {
        throw ApiError.badRequest("TemplateConfiguration is not supported: put the content in MessageConfiguration");
    };

    /**
     * Resolves {@code template} (null version = its active version) and checks the request's own message text.
     *
     * @throws ApiError the request's mistake (a template or version that does not exist, text that is not a
     *                  valid template); nothing has been sent
     */
    Personalization prepare(Template template, DirectMessageConfiguration message);

    /** The resolved template, ready to render per recipient. */
    @FunctionalInterface
    interface Personalization {
        /**
         * The template merged under the request's message and rendered with this recipient's variables.
         *
         * @param endpoint      null for a raw address
         * @throws Unrenderable when this recipient's message cannot be rendered (a permanent failure for it alone)
         */
        DirectMessageConfiguration messageFor(EndpointResponse endpoint, Map<String, List<String>> substitutions);
    }

    /** One recipient's message could not be rendered; the reason becomes its StatusMessage. */
    final class Unrenderable extends RuntimeException {
        public Unrenderable(String message) {
            super(message, null, false, false);
        }
    }
}
