package io.pinpush.functions.logging;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.event.Level;
import software.amazon.lambda.powertools.logging.internal.LoggingManager;

/**
 * How Powertools sets the log level ({@code POWERTOOLS_LOG_LEVEL}, Lambda's advanced logging controls, DEBUG for a
 * sampled invocation) on {@link JsonLinesProvider}'s loggers. Registered in the shaded jar next to the provider.
 */
public final class JsonLinesLoggingManager implements LoggingManager {

    @Override
    public void setLogLevel(Level level) {
        if (LoggerFactory.getILoggerFactory() instanceof JsonLinesLoggerFactory loggers) {
            loggers.setLevel(level);
        }
    }

    @Override
    public Level getLogLevel(Logger logger) {
        return LoggerFactory.getILoggerFactory() instanceof JsonLinesLoggerFactory loggers
                ? loggers.level(logger.getName())
                : Level.INFO;
    }
}
