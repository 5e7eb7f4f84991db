package io.pinpush.functions.logging;

import java.io.PrintStream;
import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Supplier;
import org.slf4j.ILoggerFactory;
import org.slf4j.Logger;
import org.slf4j.event.Level;

/**
 * The loggers of the Lambda jar, and their levels: Pinpush's own ({@code io.pinpush.*}) at {@code POWERTOOLS_LOG_LEVEL}
 * (INFO unless set; Powertools sets it again at its start, and lowers it to DEBUG for a sampled invocation), every
 * other library's at WARN, or at Pinpush's level when that is stricter (the local server's log4j configuration has the
 * same two levels, without that last rule).
 */
public final class JsonLinesLoggerFactory implements ILoggerFactory {

    private static final String OWN_LOGGERS = "io.pinpush";

    private final Supplier<PrintStream> out;
    private final Clock clock;
    private final Supplier<Map<String, String>> context;
    private final Map<String, JsonLineLogger> loggers = new ConcurrentHashMap<>();
    private volatile Level ownLevel;

    /** @param out where lines go, looked up for every line (the runtime may replace {@code System.out}) */
    public JsonLinesLoggerFactory(Map<String, String> environment, Supplier<PrintStream> out, Clock clock,
                                  Supplier<Map<String, String>> context) {
        this.out = out;
        this.clock = clock;
        this.context = context;
        this.ownLevel = parse(environment.get("POWERTOOLS_LOG_LEVEL"), Level.INFO);
    }

    @Override
    public Logger getLogger(String name) {
        return loggers.computeIfAbsent(name, logger -> new JsonLineLogger(logger, this));
    }

    /** Pinpush's level from now on (Powertools' {@code LoggingManager} calls this). */
    public void setLevel(Level level) {
        ownLevel = level;
    }

    public Level level(String loggerName) {
        Level own = ownLevel;
        if (loggerName.equals(OWN_LOGGERS) || loggerName.startsWith(OWN_LOGGERS + ".")) {
            return own;
        }
        return own.toInt() > Level.WARN.toInt() ? own : Level.WARN;
    }

    boolean enabled(String loggerName, Level level) {
        return level.toInt() >= level(loggerName).toInt();
    }

    void write(Level level, String message, Throwable error) {
        Map<String, String> fields = context.get();
        // One println per record: PrintStream serializes whole calls, so lines from threads never interleave.
        out.get().println(JsonLine.render(level, message, error, clock.instant(), fields == null ? Map.of() : fields));
    }

    /** A level name as Powertools and log4j spell it (FATAL is ERROR here); {@code otherwise} when unknown. */
    static Level parse(String name, Level otherwise) {
        if (name == null || name.isBlank()) {
            return otherwise;
        }
        String upper = name.trim().toUpperCase(Locale.ROOT);
        if (upper.equals("FATAL")) {
            return Level.ERROR;
        }
        for (Level level : Level.values()) {
            if (level.name().equals(upper)) {
                return level;
            }
        }
        return otherwise;
    }
}
