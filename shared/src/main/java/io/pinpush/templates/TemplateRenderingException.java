package io.pinpush.templates;

/**
 * A template part could not be rendered for one endpoint (for example {@code {{> name}}} naming a partial the
 * template never defines). Missing variables and helpers never cause this: they render empty. A sender should
 * record it as a permanent failure for that endpoint rather than fail the whole send.
 */
public final class TemplateRenderingException extends RuntimeException {

    public TemplateRenderingException(String message) {
        super(message, null, false, false);
    }
}
