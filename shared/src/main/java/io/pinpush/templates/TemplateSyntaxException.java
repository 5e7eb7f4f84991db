package io.pinpush.templates;

/** Template text that is not valid Handlebars; the message says where and why. */
final class TemplateSyntaxException extends RuntimeException {

    TemplateSyntaxException(String message) {
        super(message, null, false, false);
    }
}
