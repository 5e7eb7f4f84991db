package io.pinpush.jobs;

import io.pinpush.api.Json;
import io.pinpush.api.Timestamps;
import io.pinpush.endpoints.EndpointRequest;
import io.pinpush.endpoints.EndpointResponse;
import io.pinpush.endpoints.EndpointService;
import io.pinpush.jobs.JobStore.Kind;
import io.pinpush.jobs.JobStore.PieceResult;
import io.pinpush.jobs.JobStore.StoredJob;
import io.pinpush.segments.SegmentImportResource;
import io.pinpush.segments.SegmentResponse;
import io.pinpush.segments.SegmentService;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.zip.GZIPInputStream;
import java.util.zip.GZIPOutputStream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs jobs, one queue message at a time. A job starts by cutting its input into pieces (an import: whole records
 * of each object, {@link #ROWS_PER_PIECE} at a time; an export: one piece per endpoint shard) and queueing them;
 * each piece is then processed on its own (in parallel, by as many function instances as the queue feeds) and
 * counted once into the job's progress. The piece that completes the count finishes the job.
 *
 * <p>A bad row is a Failure of the job (row and reason) and never stops it; a piece that keeps failing (its
 * object vanished, say) is counted as a failed piece after {@link #PIECE_ATTEMPTS} tries; a job whose input cannot be
 * listed or read at all FAILS with the reason in Failures.
 */
public final class JobRunner {

    private static final Logger LOG = LoggerFactory.getLogger(JobRunner.class);

    /** Records per import piece: small enough for one Lambda invocation, large enough to batch writes well. */
    static final int ROWS_PER_PIECE = 2000;
    /** Receives of one piece before it is counted as failed rather than retried. */
    public static final int PIECE_ATTEMPTS = 3;
    private static final int MAX_REASON = 500;

    private final JobStore store;
    private final JobQueue queue;
    private final EndpointService endpoints;
    private final SegmentService segments;
    private final ObjectStorages storages;
    private final Clock clock;

    public JobRunner(ImportedSegments imported, JobQueue queue, EndpointService endpoints, SegmentService segments,
                     ObjectStorages storages, Clock clock) {
        this.store = imported.store();
        this.queue = queue;
        this.endpoints = endpoints;
        this.segments = segments;
        this.storages = storages;
        this.clock = clock;
    }

    /** Does one message's work; {@code attempt} is SQS's receive count. An exception leaves the message queued. */
    public void run(String messageBody, int attempt) {
        JobWork work = Json.read(messageBody, JobWork.class);
        Kind kind = switch (work.step()) {
            case IMPORT_START, IMPORT_PIECE -> Kind.IMPORT;
            case EXPORT_START, EXPORT_PIECE -> Kind.EXPORT;
        };
        StoredJob job = store.get(work.appId(), kind, work.jobId()).orElse(null);
        if (job == null || job.status().isFinal()) {
            return; // the app (and its jobs) was deleted, or the job ended: nothing to do
        }
        switch (work.step()) {
            case IMPORT_START -> start(job, attempt, () -> cutImport(job));
            case EXPORT_START -> start(job, attempt, () -> cutExport(job));
            case IMPORT_PIECE -> piece(job, work.piece().index(), attempt, () -> importPiece(job, work.piece()));
            case EXPORT_PIECE -> piece(job, work.shard(), attempt, () -> exportPiece(job, work.shard()));
        }
    }

    // ---- Starting: cut the input into pieces --------------------------------------------------------------------

    private void failStart(StoredJob job, String reason) {
        // Only from INITIALIZING: a copy of this START delivered twice may have queued the pieces meanwhile.
        if (store.finish(job.appId(), job.kind(), job.id(), JobStatus.INITIALIZING, JobStatus.FAILED,
                Timestamps.now(clock), reason)) {
            LOG.info("Job {} of app {} failed: {}", job.id(), job.appId(), reason);
        }
    }

    private interface Cutter {
        List<JobWork> pieces();
    }

    /**
     * Cuts the input into pieces and queues them. A {@link JobFailure} (no such object, a bad header) ends the job
     * FAILED at once; anything else (the role cannot be assumed, S3 does not answer) leaves the message for another
     * try, and on the last of {@link #PIECE_ATTEMPTS} ends the job FAILED with the reason, rather than leave it
     * INITIALIZING for good once the message is dead-lettered.
     */
    private void start(StoredJob job, int attempt, Cutter cutter) {
        if (job.status() == JobStatus.CREATED) {
            store.transition(job.appId(), job.kind(), job.id(), JobStatus.CREATED, JobStatus.INITIALIZING);
        } else if (job.status() != JobStatus.INITIALIZING) {
            return; // started already (this message was delivered again)
        }
        List<JobWork> pieces;
        try {
            pieces = cutter.pieces();
        } catch (JobFailure e) {
            failStart(job, e.getMessage());
            return;
        } catch (RuntimeException e) {
            if (attempt < PIECE_ATTEMPTS) {
                throw e;
            }
            LOG.warn("Job {} of app {}: the input could not be read after {} attempts", job.id(), job.appId(), attempt, e);
            failStart(job, "The input could not be read: " + e.getMessage());
            return;
        }
        if (store.startProcessing(job.appId(), job.kind(), job.id(), pieces.size())) {
            queue.send(pieces);
            if (pieces.isEmpty()) {
                finishIfDone(job.appId(), job.kind(), job.id());
            }
        }
    }

    private List<JobWork> cutImport(StoredJob job) {
        ImportJobResource definition = Json.read(job.definition(), ImportJobResource.class);
        ObjectLocation location = ObjectLocation.parse("S3Url", definition.s3Url());
        ObjectStorage storage = storages.forLocation(location, definition.roleArn());
        List<ObjectStorage.StoredObject> objects = storage.list(location);
        boolean single = objects.size() == 1 && objects.get(0).location().equals(location);
        if (!single) {
            // Under a prefix, only the objects of the job's format are read; the others are skipped.
            objects = objects.stream().filter(o -> definition.format().matches(o.location().key())).toList();
        }
        if (objects.isEmpty()) {
            throw new JobFailure("No " + definition.format() + " objects found at " + location
                    + (single ? "" : " (objects under a prefix are read when their names end with "
                    + definition.format().extension() + " or " + definition.format().extension() + ".gz)"));
        }
        List<JobWork> pieces = new ArrayList<>();
        for (ObjectStorage.StoredObject object : objects) {
            String name = object.location().toString();
            try (InputStream in = open(storage, object.location(), object.size(), 0, Long.MAX_VALUE)) {
                PieceCutter.cut(in, definition.format(), ROWS_PER_PIECE, cut -> {
                    if (cut.header() != null && pieces.stream().noneMatch(p -> p.piece().object().equals(name))) {
                        ImportRows.checkHeader(cut.header(), name);
                    }
                    pieces.add(new JobWork(JobWork.Step.IMPORT_PIECE, job.appId(), job.id(), new ImportPiece(
                            pieces.size(), name, object.size(), cut.start(), cut.end(), cut.firstRow(), cut.header()),
                            null));
                });
            } catch (IOException | UncheckedIOException | CsvRecords.MalformedRecord e) {
                throw new JobFailure("Could not read " + name + ": " + e.getMessage(), e);
            }
        }
        return pieces;
    }

    private List<JobWork> cutExport(StoredJob job) {
        ExportJobResource definition = Json.read(job.definition(), ExportJobResource.class);
        if (definition.segmentId() != null) {
            // Fails the job (not the queue message) when the segment was deleted since the job was created.
            segment(job.appId(), definition).orElseThrow(() -> new JobFailure("Segment " + definition.segmentId()
                    + (definition.segmentVersion() == null ? "" : " version " + definition.segmentVersion())
                    + " no longer exists"));
        }
        int shards = endpoints.shardCount(job.appId());
        List<JobWork> pieces = new ArrayList<>();
        for (int shard = 0; shard < shards; shard++) {
            pieces.add(new JobWork(JobWork.Step.EXPORT_PIECE, job.appId(), job.id(), null, shard));
        }
        return pieces;
    }

    // ---- Pieces ---------------------------------------------------------------------------------------------

    private interface PieceWork {
        PieceResult run();
    }

    private void piece(StoredJob job, int index, int attempt, PieceWork work) {
        PieceResult result;
        try {
            result = work.run();
        } catch (RuntimeException e) {
            if (attempt < PIECE_ATTEMPTS) {
                throw e; // stays on the queue and is tried again
            }
            LOG.warn("Piece {} of job {} failed {} times; counting it as failed", index, job.id(), attempt, e);
            String reason = "Piece " + index + " failed: " + clip(e.getMessage() == null ? e.toString() : e.getMessage());
            result = new PieceResult(0, 0, List.of(reason), Map.of(), true);
        }
        store.countPiece(job, index, result);
        finishIfDone(job.appId(), job.kind(), job.id());
    }

    private PieceResult importPiece(StoredJob job, ImportPiece piece) {
        ImportJobResource definition = Json.read(job.definition(), ImportJobResource.class);
        ObjectLocation object = ObjectLocation.parse("S3Url", piece.object());
        ObjectStorage storage = storages.forLocation(object, definition.roleArn());
        List<Map.Entry<String, EndpointRequest>> rows = new ArrayList<>();
        List<Long> rowNumbers = new ArrayList<>();
        List<String> failures = new ArrayList<>();
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                open(storage, object, piece.objectSize(), piece.start(), piece.end()), StandardCharsets.UTF_8))) {
            long row = piece.firstRow();
            if (definition.format() == Format.CSV) {
                CsvRecords records = new CsvRecords(reader);
                for (List<String> fields; (fields = nextRecord(records, row, piece, failures)) != null; row++) {
                    if (CsvRecords.isBlank(fields)) continue;
                    long r = row;
                    List<String> record = fields;
                    addRow(rows, rowNumbers, failures, r, piece.object(),
                            () -> ImportRows.csv(piece.header(), record, job.id(), piece.object(), r));
                }
            } else {
                for (String line; (line = reader.readLine()) != null; row++) {
                    if (line.isBlank()) continue;
                    // The first line of a piece may open the file (the CSV header drops it when the piece is cut).
                    String l = CsvRecords.withoutByteOrderMark(line);
                    long r = row;
                    addRow(rows, rowNumbers, failures, r, piece.object(),
                            () -> ImportRows.json(l, job.id(), piece.object(), r));
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + piece.object(), e);
        }
        // Every row read: those parsed, and those that failed (a malformed last CSV record included, so that an
        // IMPORT segment's Size, TotalProcessed less TotalFailures, counts exactly the endpoints imported).
        long processed = rows.size() + failures.size();

        Map<Integer, String> refused = definition.registers() ? endpoints.importBatch(job.appId(), rows) : Map.of();
        List<String> members = new ArrayList<>();
        Map<String, Long> channels = new HashMap<>();
        for (int i = 0; i < rows.size(); i++) {
            String reason = refused.get(i);
            if (reason != null) {
                failures.add(rowFailure(rowNumbers.get(i), piece.object(), reason));
                continue;
            }
            members.add(rows.get(i).getKey());
            EndpointRequest request = rows.get(i).getValue();
            if (request.channelType() != null) channels.merge(request.channelType().name(), 1L, Long::sum);
        }
        if (definition.segmentId() != null && !members.isEmpty()) {
            store.addMembers(job.appId(), job.id(), members);
        }
        return new PieceResult(processed, failures.size(), failures, channels, false);
    }

    /**
     * The bytes {@code [start, end)} of an object: a ranged read, or for a gzip object (Pinpush reads those, so an
     * export imports as it is) the uncompressed stream from its start, skipped to {@code start}.
     */
    private static InputStream open(ObjectStorage storage, ObjectLocation object, long size, long start, long end)
            throws IOException {
        if (!ImportPiece.isGzip(object.key())) {
            return storage.read(object, start, Math.min(end, size));
        }
        InputStream in = new GZIPInputStream(storage.read(object, 0, size), 1 << 16);
        in.skipNBytes(start);
        return end == Long.MAX_VALUE ? in : new BoundedStream(in, end - start);
    }

    /** The next CSV record; a malformed one (only possible at the end of a piece) is a failure and ends the piece. */
    private static List<String> nextRecord(CsvRecords records, long row, ImportPiece piece, List<String> failures)
            throws IOException {
        try {
            return records.next();
        } catch (CsvRecords.MalformedRecord e) {
            failures.add(rowFailure(row, piece.object(), e.getMessage()));
            return null;
        }
    }

    private interface RowParser {
        ImportRows.Row parse();
    }

    private static void addRow(List<Map.Entry<String, EndpointRequest>> rows, List<Long> rowNumbers,
                               List<String> failures, long row, String object, RowParser parser) {
        try {
            ImportRows.Row parsed = parser.parse();
            rows.add(Map.entry(parsed.endpointId(), parsed.request()));
            rowNumbers.add(row);
        } catch (ImportRows.RowError e) {
            failures.add(rowFailure(row, object, "the row " + e.getMessage()));
        }
    }

    private static String rowFailure(long row, String object, String reason) {
        return "Row " + row + " of " + object + ": " + clip(reason);
    }

    private PieceResult exportPiece(StoredJob job, int shard) {
        ExportJobResource definition = Json.read(job.definition(), ExportJobResource.class);
        Predicate<EndpointResponse> members = definition.segmentId() == null ? e -> true
                : segment(job.appId(), definition).map(segments::membership)
                        .orElseThrow(() -> new JobFailure("Segment " + definition.segmentId() + " no longer exists"));
        ObjectLocation prefix = ObjectLocation.parse("S3UrlPrefix", definition.s3UrlPrefix());
        ObjectLocation target = prefix.child(job.id() + "/" + String.format("part-%05d.json.gz", shard));
        Path file = null;
        try {
            file = Files.createTempFile("pinpush-export", ".json.gz");
            long written = 0;
            try (OutputStream out = new GZIPOutputStream(Files.newOutputStream(file));
                 Writer writer = new OutputStreamWriter(out, StandardCharsets.UTF_8)) {
                long[] count = {0};
                endpoints.forEachInShard(job.appId(), shard, endpoint -> {
                    if (!members.test(endpoint)) return;
                    try {
                        writer.write(Json.write(endpoint));
                        writer.write('\n');
                        count[0]++;
                    } catch (IOException e) {
                        throw new UncheckedIOException(e);
                    }
                });
                written = count[0];
            }
            if (written > 0) {
                storages.forLocation(prefix, definition.roleArn()).write(target, file);
            }
            return new PieceResult(written, 0, List.of(), Map.of(), false);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write the export of shard " + shard, e);
        } finally {
            if (file != null) {
                try {
                    Files.deleteIfExists(file);
                } catch (IOException ignored) {
                    // a temporary file left behind is removed with the container
                }
            }
        }
    }

    private Optional<SegmentResponse> segment(String appId, ExportJobResource definition) {
        return segments.find(appId, definition.segmentId(), definition.segmentVersion());
    }

    // ---- Finishing ------------------------------------------------------------------------------------------

    /** When every piece is counted, one caller (the one that moves the job to COMPLETING) finishes it. */
    private void finishIfDone(String appId, Kind kind, String jobId) {
        StoredJob job = store.get(appId, kind, jobId).orElse(null);
        if (job == null || job.status() != JobStatus.PROCESSING || !job.allPiecesDone()) {
            return;
        }
        if (!store.transition(appId, kind, jobId, JobStatus.PROCESSING, JobStatus.COMPLETING)) {
            return;
        }
        // The model: "The job status is FAILED if Amazon Pinpoint wasn't able to process one or more pieces".
        boolean failed = job.failedPieces() > 0;
        if (kind == Kind.IMPORT && !failed) {
            ImportJobResource definition = Json.read(job.definition(), ImportJobResource.class);
            if (definition.segmentId() != null) {
                writeSegment(job, definition);
            }
        }
        store.finish(appId, kind, jobId, JobStatus.COMPLETING, failed ? JobStatus.FAILED : JobStatus.COMPLETED,
                Timestamps.now(clock), null);
    }

    private void writeSegment(StoredJob job, ImportJobResource definition) {
        Map<String, Integer> channelCounts = new LinkedHashMap<>();
        job.channelCounts().forEach((channel, n) -> channelCounts.put(channel, n.intValue()));
        SegmentImportResource imported = new SegmentImportResource(channelCounts, definition.externalId(),
                definition.format().name(), definition.roleArn(), definition.s3Url(),
                (int) (job.totalProcessed() - job.totalFailures()));
        boolean existing = !definition.definesSegment() || segmentExists(job.appId(), definition.segmentId());
        SegmentResponse version = segments.writeImported(job.appId(), definition.segmentId(), existing,
                definition.segmentName(), imported);
        store.putSegmentVersion(job.appId(), version.id(), version.version(), job.id());
    }

    private boolean segmentExists(String appId, String segmentId) {
        return segments.find(appId, segmentId, null).isPresent();
    }

    private static String clip(String reason) {
        return reason.length() <= MAX_REASON ? reason : reason.substring(0, MAX_REASON) + "...";
    }
}
