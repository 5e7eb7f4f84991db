package io.pinpush.templates;

import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.messaging.DirectMessageConfiguration;
import java.util.List;
import java.util.Map;

/**
 * What a send needs from push templates: resolve the version a TemplateConfiguration names, then render it for
 * each endpoint. Resolve once per send and render per endpoint; compiled templates are cached, so rendering is
 * the cheap part. See {@link TemplateRenderer} for the merge and variable rules.
 */
public final class PushTemplates {

    private final PushTemplateService service;
    private final TemplateRenderer renderer;

    public PushTemplates(PushTemplateService service, TemplateRenderer renderer) {
        this.service = service;
        this.renderer = renderer;
    }

    /**
     * The template version a send refers to (null version = the active version).
     *
     * @throws io.pinpush.api.ApiError NotFound when the template or version does not exist; BadRequest for a
     *                                 version that is not a version number
     */
    public PushTemplate require(String name, String version) {
        return service.require(name, version);
    }

    /**
     * The message configuration for one endpoint: the template's parts merged under the request's configuration
     * (request fields win), every text member rendered for this endpoint with its variables.
     *
     * @param substitutions the address- or endpoint-level Substitutions (they outrank every other variable source)
     * @throws TemplateRenderingException when this endpoint's message cannot be rendered (record it as a permanent
     *                                    failure for the endpoint); missing variables never cause it
     */
    public DirectMessageConfiguration renderFor(PushTemplate template, DirectMessageConfiguration request,
                                                EndpointResponse endpoint, Map<String, List<String>> substitutions) {
        return renderer.renderFor(template, request, endpoint, substitutions);
    }

    /**
     * Refuses (BadRequest) a send whose own MessageConfiguration text is not valid Handlebars; call it before
     * sending anything.
     */
    public void validate(DirectMessageConfiguration request) {
        renderer.validate(request);
    }
}
