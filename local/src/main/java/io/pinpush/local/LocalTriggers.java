package io.pinpush.local;

import com.amazonaws.services.lambda.runtime.events.KinesisEvent;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.config.DaemonThreads;
import io.pinpush.api.Json;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.functions.TriggerHandler;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import software.amazon.awssdk.services.kinesis.KinesisClient;
import software.amazon.awssdk.services.kinesis.model.GetRecordsResponse;
import software.amazon.awssdk.services.kinesis.model.Shard;
import software.amazon.awssdk.services.kinesis.model.ShardIteratorType;

/**
 * What Lambda's Kinesis event source does for the trigger function, in-process: reads the events the local server
 * publishes, from where it starts onward, and hands them to the real {@link TriggerHandler} as the bytes of the
 * Kinesis event Lambda would write, one batch per shard. Like Lambda, it resumes a shard at the first record the
 * handler reported as failed (and at the batch's first record when the handler throws).
 *
 * <p>The events come from the JSON-lines event file (the default; a record's sequence number is its byte offset)
 * or, with {@code PINPUSH_ENDPOINT_KINESIS}, from the emulator's stream.
 */
public final class LocalTriggers implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(LocalTriggers.class);
    private static final long POLL_MILLIS = 200;

    /** The records of one shard (the file is one shard) read since the last poll. */
    record Batch(String shardId, List<KinesisEvent.KinesisEventRecord> records) {
    }

    /** Where events are read from, and how to read a shard again from a sequence number. */
    interface Source {
        List<Batch> poll();

        void resumeAt(String shardId, String sequenceNumber);
    }

    private final Source source;
    private final TriggerHandler handler;
    private final ExecutorService poller;
    private final AtomicBoolean running = new AtomicBoolean(true);

    private LocalTriggers(Source source, TriggerHandler handler) {
        this.source = source;
        this.handler = handler;
        this.poller = Executors.newSingleThreadExecutor(DaemonThreads.named("pinpush-triggers"));
    }

    /** Reads the events {@code config} publishes (file or stream) from now on; empty when it publishes none. */
    public static Optional<LocalTriggers> start(PinpushConfig config, AwsClients aws, TriggerHandler handler) {
        Source source;
        if (config.eventFile().isPresent()) {
            source = new FileSource(config.eventFile().get());
        } else if (config.eventStreamName().isPresent()) {
            source = new StreamSource(aws.kinesis(), config.eventStreamName().get(), config.region());
        } else {
            return Optional.empty();
        }
        LocalTriggers triggers = new LocalTriggers(source, handler);
        triggers.poller.submit(triggers::pollUntilClosed);
        return Optional.of(triggers);
    }

    private void pollUntilClosed() {
        while (running.get()) {
            try {
                source.poll().forEach(this::handle);
            } catch (RuntimeException e) {
                LOG.warn("Reading events for triggers failed; reading again", e);
            }
            try {
                Thread.sleep(POLL_MILLIS); // the event source's polling interval, as Lambda polls a shard
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private void handle(Batch batch) {
        if (batch.records().isEmpty()) {
            return;
        }
        try {
            List<String> failed = LocalInvocation.batchItemFailures(
                    LocalInvocation.invoke(handler, toEvent(batch.records()), new LocalContext()));
            failed.stream().min(Comparator.comparing(LocalTriggers::sequenceOrder))
                    .ifPresent(first -> source.resumeAt(batch.shardId(), first));
        } catch (IOException | RuntimeException e) {
            LOG.error("The trigger function failed on a batch of {}; reading it again", batch.records().size(), e);
            source.resumeAt(batch.shardId(), batch.records().get(0).getKinesis().getSequenceNumber());
        }
    }

    /** The event as Lambda's Kinesis event source writes it: each record's data base64. */
    private static ObjectNode toEvent(List<KinesisEvent.KinesisEventRecord> records) {
        ObjectNode event = Json.mapper().createObjectNode();
        ArrayNode written = event.putArray("Records");
        for (KinesisEvent.KinesisEventRecord record : records) {
            KinesisEvent.Record kinesis = record.getKinesis();
            ObjectNode node = written.addObject();
            node.putObject("kinesis")
                    .put("kinesisSchemaVersion", kinesis.getKinesisSchemaVersion())
                    .put("partitionKey", kinesis.getPartitionKey())
                    .put("sequenceNumber", kinesis.getSequenceNumber())
                    .put("data", Base64.getEncoder().encodeToString(bytes(kinesis.getData())))
                    .put("approximateArrivalTimestamp", kinesis.getApproximateArrivalTimestamp().getTime() / 1000.0);
            node.put("eventSource", record.getEventSource()).put("eventVersion", record.getEventVersion())
                    .put("eventID", record.getEventID()).put("eventName", record.getEventName())
                    .put("eventSourceARN", record.getEventSourceARN()).put("awsRegion", record.getAwsRegion());
        }
        return event;
    }

    private static byte[] bytes(ByteBuffer data) {
        ByteBuffer copy = data.duplicate();
        byte[] bytes = new byte[copy.remaining()];
        copy.get(bytes);
        return bytes;
    }

    /** Kinesis sequence numbers are decimal strings of varying length: longer is later. */
    private static String sequenceOrder(String sequenceNumber) {
        return "%60s".formatted(sequenceNumber);
    }

    static KinesisEvent.KinesisEventRecord record(String shardId, String sequenceNumber, String partitionKey,
                                                  byte[] data, String streamArn, String region) {
        KinesisEvent.Record kinesis = new KinesisEvent.Record();
        kinesis.setSequenceNumber(sequenceNumber);
        kinesis.setPartitionKey(partitionKey);
        kinesis.setData(ByteBuffer.wrap(data));
        kinesis.setKinesisSchemaVersion("1.0");
        kinesis.setApproximateArrivalTimestamp(new java.util.Date());
        KinesisEvent.KinesisEventRecord record = new KinesisEvent.KinesisEventRecord();
        record.setKinesis(kinesis);
        record.setEventSource("aws:kinesis");
        record.setEventName("aws:kinesis:record");
        record.setEventVersion("1.0");
        record.setEventID(shardId + ":" + sequenceNumber);
        record.setEventSourceARN(streamArn);
        record.setAwsRegion(region);
        return record;
    }

    /** Stops polling after the batch in hand. */
    @Override
    public void close() {
        running.set(false);
        poller.shutdown();
        try {
            poller.awaitTermination(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** The JSON-lines event file as one shard; each line's byte offset is its sequence number. */
    static final class FileSource implements Source {

        private static final String SHARD = "shardId-000000000000";
        private final Path file;
        private long offset;

        FileSource(Path file) {
            this.file = file;
            this.offset = size(file);
        }

        @Override
        public synchronized List<Batch> poll() {
            if (size(file) <= offset) {
                return List.of();
            }
            List<KinesisEvent.KinesisEventRecord> records = new ArrayList<>();
            try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
                in.seek(offset);
                byte[] rest = new byte[(int) Math.min(in.length() - offset, 8L * 1024 * 1024)];
                in.readFully(rest);
                int lineStart = 0;
                for (int i = 0; i < rest.length; i++) {
                    if (rest[i] == '\n') {
                        byte[] line = java.util.Arrays.copyOfRange(rest, lineStart, i);
                        if (line.length > 0) {
                            records.add(record(SHARD, Long.toString(offset + lineStart), "-", line,
                                    "arn:aws:kinesis:local:000000000000:stream/events-file", "us-east-1"));
                        }
                        lineStart = i + 1;
                    }
                }
                offset += lineStart; // a line still being written is read on the next poll
            } catch (IOException e) {
                throw new java.io.UncheckedIOException(e);
            }
            return List.of(new Batch(SHARD, records));
        }

        @Override
        public synchronized void resumeAt(String shardId, String sequenceNumber) {
            offset = Long.parseLong(sequenceNumber);
        }

        private static long size(Path file) {
            try {
                return Files.exists(file) ? Files.size(file) : 0;
            } catch (IOException e) {
                return 0;
            }
        }
    }

    /** The emulator's stream, every shard read from the latest record when the server started. */
    static final class StreamSource implements Source {

        private final KinesisClient kinesis;
        private final String stream;
        private final String region;
        private final String streamArn;
        private final Map<String, String> iterators = new LinkedHashMap<>();

        StreamSource(KinesisClient kinesis, String stream, String region) {
            this.kinesis = kinesis;
            this.stream = stream;
            this.region = region;
            this.streamArn = kinesis.describeStreamSummary(b -> b.streamName(stream)).streamDescriptionSummary()
                    .streamARN();
            for (Shard shard : kinesis.listShards(b -> b.streamName(stream)).shards()) {
                iterators.put(shard.shardId(), kinesis.getShardIterator(b -> b.streamName(stream)
                        .shardId(shard.shardId()).shardIteratorType(ShardIteratorType.LATEST)).shardIterator());
            }
        }

        @Override
        public synchronized List<Batch> poll() {
            List<Batch> batches = new ArrayList<>();
            iterators.replaceAll((shardId, iterator) -> {
                GetRecordsResponse page = kinesis.getRecords(b -> b.shardIterator(iterator).limit(100));
                batches.add(new Batch(shardId, page.records().stream().map(r -> record(shardId, r.sequenceNumber(),
                        r.partitionKey(), r.data().asByteArray(), streamArn, region)).toList()));
                return page.nextShardIterator();
            });
            return batches;
        }

        @Override
        public synchronized void resumeAt(String shardId, String sequenceNumber) {
            iterators.put(shardId, kinesis.getShardIterator(b -> b.streamName(stream).shardId(shardId)
                    .shardIteratorType(ShardIteratorType.AT_SEQUENCE_NUMBER).startingSequenceNumber(sequenceNumber))
                    .shardIterator());
        }
    }
}
