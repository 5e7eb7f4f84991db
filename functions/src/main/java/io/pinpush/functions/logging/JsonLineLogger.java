package io.pinpush.functions.logging;

import org.slf4j.Marker;
import org.slf4j.event.Level;
import org.slf4j.helpers.LegacyAbstractLogger;
import org.slf4j.helpers.MessageFormatter;

/** One named logger; SLF4J's base class turns every call shape into {@link #handleNormalizedLoggingCall}. */
final class JsonLineLogger extends LegacyAbstractLogger {

    private static final long serialVersionUID = 1L;

    private final transient JsonLinesLoggerFactory factory;

    JsonLineLogger(String name, JsonLinesLoggerFactory factory) {
        this.name = name;
        this.factory = factory;
    }

    @Override public boolean isTraceEnabled() { return factory.enabled(name, Level.TRACE); }
    @Override public boolean isDebugEnabled() { return factory.enabled(name, Level.DEBUG); }
    @Override public boolean isInfoEnabled() { return factory.enabled(name, Level.INFO); }
    @Override public boolean isWarnEnabled() { return factory.enabled(name, Level.WARN); }
    @Override public boolean isErrorEnabled() { return factory.enabled(name, Level.ERROR); }

    @Override
    protected String getFullyQualifiedCallerName() {
        return null;
    }

    @Override
    protected void handleNormalizedLoggingCall(Level level, Marker marker, String messagePattern, Object[] arguments,
                                               Throwable throwable) {
        factory.write(level, MessageFormatter.basicArrayFormat(messagePattern, arguments), throwable);
    }
}
