package io.pinpush.bench;

import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.config.DaemonThreads;
import io.pinpush.api.Json;
import io.pinpush.local.KinesisLocal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.PutRecordsRequestEntry;
import software.amazon.awssdk.services.kinesis.model.PutRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Record;

/**
 * Benchmark (9), the Events path: what an app's events cost from PutEvents to the deployment's Kinesis stream.
 *
 * <ul>
 *   <li>(a) raw: C threads writing records to the same emulated stream with a plain Kinesis client, 500 to a
 *       PutRecords call (its maximum), each record the JSON Pinpush itself wrote for one of (b)'s events.
 *   <li>(b) PutEvents through the local server over HTTP, C clients at once, each call one device (endpoint) with
 *       ten events, as the mobile SDKs send them: request validation, the endpoint merge in DynamoDB Local, the
 *       Pinpoint event envelopes, and the publisher's PutRecords to kinesis-local before the call returns (the API
 *       function flushes its events at the end of each invocation, as in Lambda).
 * </ul>
 *
 * <p>Reports events/s for both, the ratio b/a, and (b)'s call latency; then times 100 calls one at a time with every
 * AWS SDK call each made ({@link SdkCallTimeline}: where a call's time goes); then reads the whole stream back and
 * aborts unless it holds exactly the records both wrote. Usage: {@code EventsPath [N events=2000] [C=4] [rounds=3]}.
 */
public final class EventsPath {

    private static final int EVENTS_PER_CALL = 10;
    private static final int RECORDS_PER_PUT = 500;
    /** Devices the calls cycle through: most calls update an endpoint that exists, as a running app's do. */
    private static final int DEVICES = 1_000;
    private static final String EVENT_TYPE = "bench.event";
    private static final String STREAM = "pinpush-bench-events";
    private static final int SHARDS = 16;
    /** Calls timed one at a time at the end, with the AWS SDK calls each made. */
    private static final int TIMED_CALLS = 100;

    public static void main(String[] args) throws Exception {
        int n = args.length > 0 ? Integer.parseInt(args[0]) : 2_000;
        int c = args.length > 1 ? Integer.parseInt(args[1]) : 4;
        int rounds = args.length > 2 ? Integer.parseInt(args[2]) : 3;
        if (n % EVENTS_PER_CALL != 0) {
            throw new IllegalArgumentException("N must be a multiple of " + EVENTS_PER_CALL + " (events per PutEvents call)");
        }
        try (KinesisLocal kinesis = KinesisLocal.start()) {
            // The emulator slows down as a shard fills: the stream gets more shards than the local server's default.
            kinesis.createStream(STREAM, SHARDS);
            run(kinesis, n, c, rounds);
        }
        System.exit(0); // DynamoDB Local and ElasticMQ leave non-daemon threads behind
    }

    private static void run(KinesisLocal kinesis, int n, int c, int rounds) throws Exception {
        try (BenchStack stack = new BenchStack(Map.of("PINPUSH_ENDPOINT_KINESIS", kinesis.endpoint().toString(),
                "PINPUSH_EVENT_STREAM_NAME", STREAM))) {
            String stream = STREAM;
            ExecutorService threads = Executors.newFixedThreadPool(c, DaemonThreads.named("events-bench"));
            AtomicInteger calls = new AtomicInteger();
            putEvents(stack, calls, EVENTS_PER_CALL, 1, threads, new ArrayList<>());
            byte[] record = pinpushRecord(kinesis.records(stream));
            int warmUp = Math.min(n, 5_000);
            int rawWritten = raw(kinesis.client(), stream, record, warmUp, c, threads);
            int pinpushWritten = EVENTS_PER_CALL + putEvents(stack, calls, warmUp, c, threads, new ArrayList<>());

            List<Double> rawRates = new ArrayList<>();
            List<Double> pinpushRates = new ArrayList<>();
            List<Double> latencies = Collections.synchronizedList(new ArrayList<>());
            for (int round = 0; round < rounds; round++) {
                for (int turn = 0; turn < 2; turn++) {
                    boolean rawTurn = (round + turn) % 2 == 0; // alternate which one goes first
                    long start = System.nanoTime();
                    if (rawTurn) {
                        rawWritten += raw(kinesis.client(), stream, record, n, c, threads);
                    } else {
                        pinpushWritten += putEvents(stack, calls, n, c, threads, latencies);
                    }
                    double rate = n / ((System.nanoTime() - start) / 1e9);
                    (rawTurn ? rawRates : pinpushRates).add(rate);
                    System.out.printf("round %d %s: %.0f events/s%n", round + 1, rawTurn ? "(a) raw PutRecords" : "(b) PutEvents", rate);
                }
            }
            // Where one call's time goes, calls one at a time: every AWS SDK call made meanwhile, by thread and kind.
            CallSpans spans = new CallSpans();
            List<Double> alone = new ArrayList<>();
            for (int i = 0; i < TIMED_CALLS; i++) {
                SdkCallTimeline.start();
                long start = System.nanoTime();
                pinpushWritten += putEvents(stack, calls, EVENTS_PER_CALL, 1, threads, alone);
                long end = System.nanoTime();
                spans.add(SdkCallTimeline.stop(), start, end);
            }
            checkStream(kinesis.records(stream), rawWritten, pinpushWritten);
            double a = Stats.median(rawRates);
            double b = Stats.median(pinpushRates);
            System.out.printf("RESULT events N=%d C=%d rounds=%d: (a) raw PutRecords %.0f events/s, (b) PutEvents %.0f events/s, "
                            + "b/a %.2f; PutEvents call (%d events) p50 %.1f ms, p95 %.1f ms, p99 %.1f ms; stream holds exactly "
                            + "%d + %d records%n", n, c, rounds, a, b, b / a, EVENTS_PER_CALL, Stats.percentile(latencies, 50),
                    Stats.percentile(latencies, 95), Stats.percentile(latencies, 99), rawWritten, pinpushWritten);
            System.out.printf("RESULT events-timeline %d PutEvents calls one at a time: p50 %.1f ms, p95 %.1f ms%n",
                    TIMED_CALLS, Stats.percentile(alone, 50), Stats.percentile(alone, 95));
            spans.print("calls");
        }
    }

    /** (a): {@code n} copies of {@code record}, 500 to a call, spread over {@code c} threads. Returns {@code n}. */
    private static int raw(KinesisClient kinesis, String stream, byte[] record, int n, int c, ExecutorService threads)
            throws Exception {
        SdkBytes data = SdkBytes.fromByteArray(record);
        AtomicInteger next = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < c; t++) {
            workers.add(threads.submit(() -> {
                for (int from = next.getAndAdd(RECORDS_PER_PUT); from < n; from = next.getAndAdd(RECORDS_PER_PUT)) {
                    List<PutRecordsRequestEntry> entries = new ArrayList<>();
                    for (int i = from; i < Math.min(n, from + RECORDS_PER_PUT); i++) {
                        entries.add(PutRecordsRequestEntry.builder().data(data).partitionKey("raw-" + (i % DEVICES)).build());
                    }
                    PutRecordsResponse response = kinesis.putRecords(b -> b.streamName(stream).records(entries));
                    if (response.failedRecordCount() != null && response.failedRecordCount() > 0) {
                        throw new IllegalStateException("the emulator refused " + response.failedRecordCount() + " raw records");
                    }
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return n;
    }

    /** (b): {@code n} events in calls of ten, over {@code c} clients; every endpoint and event must be accepted. */
    private static int putEvents(BenchStack stack, AtomicInteger calls, int n, int c, ExecutorService threads,
                                 List<Double> latencies) throws Exception {
        AtomicInteger sent = new AtomicInteger();
        List<Future<?>> workers = new ArrayList<>();
        for (int t = 0; t < c; t++) {
            workers.add(threads.submit(() -> {
                while (sent.getAndAdd(EVENTS_PER_CALL) < n) {
                    String device = "bench-" + (calls.getAndIncrement() % DEVICES);
                    long start = System.nanoTime();
                    JsonNode response = stack.call("POST", "/v1/apps/" + stack.appId + "/events", eventsRequest(device));
                    latencies.add((System.nanoTime() - start) / 1e6);
                    requireAccepted(response.path("Results").path(device));
                }
                return null;
            }));
        }
        for (Future<?> worker : workers) {
            worker.get();
        }
        return n;
    }

    /** One device's call: its endpoint and ten events of one session. */
    private static String eventsRequest(String device) {
        String now = Instant.now().toString();
        Map<String, Object> events = new LinkedHashMap<>();
        for (int i = 0; i < EVENTS_PER_CALL; i++) {
            events.put("ev-" + i, Map.of("EventType", EVENT_TYPE, "Timestamp", now,
                    "Attributes", Map.of("screen", "level-" + i, "source", "bench"),
                    "Metrics", Map.of("score", i),
                    "Session", Map.of("Id", "session-" + device, "StartTimestamp", now)));
        }
        return Json.write(Map.of("BatchItem", Map.of(device, Map.of(
                "Endpoint", Map.of("ChannelType", "APNS", "Address", "token-" + device,
                        "Demographic", Map.of("Platform", "ios", "Make", "apple"),
                        "Attributes", Map.of("tier", List.of("gold"))),
                "Events", events))));
    }

    private static void requireAccepted(JsonNode result) {
        boolean accepted = result.path("EndpointItemResponse").path("StatusCode").asInt() == 202;
        for (JsonNode event : result.path("EventsItemResponse")) {
            accepted &= event.path("StatusCode").asInt() == 202;
        }
        if (!accepted || result.path("EventsItemResponse").size() != EVENTS_PER_CALL) {
            throw new IllegalStateException("PutEvents did not accept every endpoint and event: " + result);
        }
    }

    /** The record Pinpush wrote for one of the first call's events: (a) writes the same bytes. */
    private static byte[] pinpushRecord(List<Record> records) throws Exception {
        for (Record record : records) {
            if (EVENT_TYPE.equals(Json.mapper().readTree(record.data().asByteArray()).path("event_type").asText())) {
                return record.data().asByteArray();
            }
        }
        throw new IllegalStateException("the first PutEvents call left no " + EVENT_TYPE + " record in the stream");
    }

    /** Every record either wrote is in the stream, once: (a)'s by partition key, (b)'s by event type. */
    private static void checkStream(List<Record> records, int rawWritten, int pinpushWritten) throws Exception {
        int raw = 0;
        int pinpush = 0;
        for (Record record : records) {
            if (record.partitionKey().startsWith("raw-")) {
                raw++;
            } else if (EVENT_TYPE.equals(Json.mapper().readTree(record.data().asByteArray()).path("event_type").asText())) {
                pinpush++;
            }
        }
        if (raw != rawWritten || pinpush != pinpushWritten) {
            throw new IllegalStateException("the stream holds %d raw and %d PutEvents records, expected %d and %d"
                    .formatted(raw, pinpush, rawWritten, pinpushWritten));
        }
    }
}
