package io.pinpush.functions.logging;

import java.time.Clock;
import org.slf4j.ILoggerFactory;
import org.slf4j.IMarkerFactory;
import org.slf4j.helpers.BasicMDCAdapter;
import org.slf4j.helpers.BasicMarkerFactory;
import org.slf4j.spi.MDCAdapter;
import org.slf4j.spi.SLF4JServiceProvider;

/**
 * The SLF4J backend of the Lambda jar: JSON lines on standard output, which Lambda sends to CloudWatch Logs.
 *
 * <p>It replaces log4j 2 with Powertools' JSON template layout, which cost about 1,000 classes and 200 ms of every
 * cold start (README, Benchmarks (4)) to write the same fields. Only the shaded jar registers it (the shade plugin
 * adds the service file): the local server and its tests keep log4j, which DynamoDB Local also uses.
 */
public final class JsonLinesProvider implements SLF4JServiceProvider {

    private final BasicMDCAdapter mdc = new BasicMDCAdapter();
    private final BasicMarkerFactory markers = new BasicMarkerFactory();
    private JsonLinesLoggerFactory loggers;

    @Override
    public void initialize() {
        loggers = new JsonLinesLoggerFactory(System.getenv(), () -> System.out, Clock.systemUTC(), mdc::getCopyOfContextMap);
    }

    @Override
    public ILoggerFactory getLoggerFactory() {
        return loggers;
    }

    @Override
    public IMarkerFactory getMarkerFactory() {
        return markers;
    }

    @Override
    public MDCAdapter getMDCAdapter() {
        return mdc;
    }

    @Override
    public String getRequestedApiVersion() {
        return "2.0.99";
    }
}
