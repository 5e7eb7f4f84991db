package io.pinpush.events;

import io.pinpush.config.DaemonThreads;
import io.pinpush.config.Lazy;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Streams event records without ever holding up the code that produces them, and without losing one.
 *
 * <ul>
 *   <li>{@link #publish} only queues the record in memory; a background thread writes what is queued every flush
 *       interval, or as soon as a full batch (500 records) is waiting.</li>
 *   <li>Each record goes to the deployment's own stream and, when the app set one with PutEventStream, to the
 *       app's destination. A record without an app id (the audit trail's) goes to the deployment stream only.</li>
 *   <li>Calls are batched within each destination's limits; only the records a call did not take are written
 *       again, with backoff ({@link BatchWriter}).</li>
 *   <li>What a destination still does not take goes to the {@link EventSpill}, from which the
 *       {@link SpillReplayer} writes it once the destination is back.</li>
 * </ul>
 *
 * <p>{@link #flush} writes everything queued so far before it returns; a Lambda function calls it before its
 * invocation ends, since a frozen container runs no background thread.
 */
public final class EventPublisher implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(EventPublisher.class);
    private static final int FULL_BATCH = 500;

    private final Optional<Destination> deploymentStream;
    private final AppDestinations appDestinations;
    private final DestinationSinks sinks;
    private final BatchWriter writer;
    private final EventSpill spill;
    private final Duration flushInterval;
    private final LinkedBlockingQueue<StreamRecord> pending;
    private final Object writing = new Object();
    /** The background writer, started by the first publish (a function that publishes nothing starts no thread). */
    private final Lazy<ScheduledExecutorService> flusher = new Lazy<>(this::startFlusher);

    public EventPublisher(Optional<Destination> deploymentStream, AppDestinations appDestinations,
                          DestinationSinks sinks, BatchWriter writer, EventSpill spill, Duration flushInterval,
                          int capacity) {
        this.deploymentStream = deploymentStream;
        this.appDestinations = appDestinations;
        this.sinks = sinks;
        this.writer = writer;
        this.spill = spill;
        this.flushInterval = flushInterval;
        this.pending = new LinkedBlockingQueue<>(capacity);
    }

    /** Queues one record; returns at once. */
    public void publish(StreamRecord record) {
        if (!pending.offer(record)) {
            // The streams are not keeping up: rather than wait or drop, hand the record straight to the spill.
            LOG.warn("Event buffer full ({} records); spilling directly", pending.size());
            route(List.of(record)).forEach((destination, records) -> spill.spill(destination, records));
            return;
        }
        ScheduledExecutorService background = flusher.get();
        if (pending.size() >= FULL_BATCH) {
            background.execute(this::flushQuietly);
        }
    }

    public void publishAll(Collection<StreamRecord> records) {
        records.forEach(this::publish);
    }

    /** Writes (or spills) every record published before this call. */
    public void flush() {
        synchronized (writing) {
            List<StreamRecord> records = new ArrayList<>();
            pending.drainTo(records);
            if (records.isEmpty()) {
                return;
            }
            route(records).forEach(this::deliver);
        }
    }

    /** Which records go where: all to the deployment stream, each app's also to its own destination. */
    private Map<Destination, List<StreamRecord>> route(List<StreamRecord> records) {
        Map<Destination, List<StreamRecord>> routes = new LinkedHashMap<>();
        deploymentStream.ifPresent(stream -> routes.put(stream, new ArrayList<>(records)));
        Map<String, Optional<Destination>> byApp = new LinkedHashMap<>();
        for (StreamRecord record : records) {
            if (record.appId() == null) {
                continue; // the deployment's own record (the audit trail's): no app destination
            }
            Optional<Destination> own = byApp.computeIfAbsent(record.appId(), this::appDestination);
            own.filter(destination -> !deploymentStream.equals(Optional.of(destination)))
                    .ifPresent(destination -> routes.computeIfAbsent(destination, d -> new ArrayList<>()).add(record));
        }
        return routes;
    }

    private Optional<Destination> appDestination(String appId) {
        try {
            return appDestinations.destinationOf(appId);
        } catch (RuntimeException unreadable) {
            LOG.error("Cannot read the event stream of app {}; its events go to the deployment stream only: {}",
                    appId, unreadable.toString());
            return Optional.empty();
        }
    }

    private void deliver(Destination destination, List<StreamRecord> records) {
        List<StreamRecord> unwritten;
        try {
            unwritten = writer.writeAll(sinks.sinkFor(destination), records);
        } catch (RuntimeException noSink) {
            // E.g. the destination's role cannot be assumed: the records wait in the spill like any outage.
            LOG.warn("Cannot write to {}: {}", destination, noSink.toString());
            unwritten = records;
        }
        if (!unwritten.isEmpty()) {
            spill.spill(destination, unwritten);
        }
    }

    private void flushQuietly() {
        try {
            flush();
        } catch (RuntimeException e) {
            LOG.error("Background event flush failed", e);
        }
    }

    private ScheduledExecutorService startFlusher() {
        ScheduledExecutorService started = Executors.newSingleThreadScheduledExecutor(DaemonThreads.named("pinpush-events"));
        long millis = Math.max(1, flushInterval.toMillis());
        started.scheduleWithFixedDelay(this::flushQuietly, millis, millis, TimeUnit.MILLISECONDS);
        return started;
    }

    /** Stops the background thread after writing everything still queued. */
    @Override
    public void close() {
        if (flusher.isCreated()) {
            flusher.get().shutdown();
            try {
                flusher.get().awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        flush();
        sinks.close();
    }
}
