package io.pinpush.jobs;

import io.pinpush.api.ApiError;
import io.pinpush.api.Arns;
import io.pinpush.api.Ids;
import io.pinpush.api.Json;
import io.pinpush.api.PageRequest;
import io.pinpush.api.Timestamps;
import io.pinpush.apps.AppScopedData;
import io.pinpush.apps.AppService;
import io.pinpush.jobs.JobStore.Kind;
import io.pinpush.jobs.JobStore.StoredJob;
import io.pinpush.segments.SegmentResponse;
import io.pinpush.segments.SegmentService;
import io.pinpush.segments.SegmentType;
import io.pinpush.store.Page;
import java.time.Clock;
import java.util.List;
import java.util.Optional;

/**
 * The job operations of the API: every request is checked (app, segment, URL) before anything is written; a valid
 * one is stored as CREATED and its start is queued for the job runner, which does the work asynchronously.
 */
public final class JobService implements AppScopedData {

    private final JobStore store;
    private final JobQueue queue;
    private final AppService apps;
    private final SegmentService segments;
    private final ObjectStorages storages;
    private final Clock clock;

    public JobService(ImportedSegments imported, JobQueue queue, AppService apps, SegmentService segments,
                      ObjectStorages storages, Clock clock) {
        this.store = imported.store();
        this.queue = queue;
        this.apps = apps;
        this.segments = segments;
        this.storages = storages;
        this.clock = clock;
    }

    JobResponse<ImportJobResource> createImport(String appId, ImportJobResource request) {
        apps.require(appId);
        // Checked here, not in the record: stored job definitions are read with it too.
        Arns.requireRoleArn("RoleArn", request.roleArn());
        storages.requireSupported("S3Url", ObjectLocation.parse("S3Url", request.s3Url()));
        ImportJobResource definition = request;
        if (request.segmentId() != null) {
            SegmentResponse segment = segments.require(appId, request.segmentId(), null);
            if (segment.segmentType() != SegmentType.IMPORT) {
                throw ApiError.badRequest("Segment " + request.segmentId() + " is a DIMENSIONAL segment; an import job"
                        + " can only add versions to an IMPORT segment");
            }
            definition = new ImportJobResource(true, request.externalId(), request.format(), request.registerEndpoints(),
                    request.roleArn(), request.s3Url(), request.segmentId(), request.segmentName());
        } else if (request.definesSegment()) {
            // The segment's id is fixed now, so the caller can watch for it; the segment appears when the job completes.
            definition = request.withSegmentId(Ids.newId());
        }
        String id = newJobId();
        store.create(appId, Kind.IMPORT, id, Json.write(definition), Timestamps.now(clock), definition.segmentId());
        // Read before queueing: the runner may move the job on before this request answers, and the answer is the
        // job as created (CREATED), as Pinpoint's is.
        JobResponse<ImportJobResource> created = importResponse(require(appId, Kind.IMPORT, id));
        queue.send(List.of(JobWork.start(Kind.IMPORT, appId, id)));
        return created;
    }

    JobResponse<ExportJobResource> createExport(String appId, ExportJobResource request) {
        apps.require(appId);
        Arns.requireRoleArn("RoleArn", request.roleArn());
        storages.requireSupported("S3UrlPrefix", ObjectLocation.parse("S3UrlPrefix", request.s3UrlPrefix()));
        if (request.segmentId() != null) {
            segments.require(appId, request.segmentId(), request.segmentVersion());
        }
        String id = newJobId();
        store.create(appId, Kind.EXPORT, id, Json.write(request), Timestamps.now(clock), request.segmentId());
        JobResponse<ExportJobResource> created = exportResponse(require(appId, Kind.EXPORT, id)); // as for imports
        queue.send(List.of(JobWork.start(Kind.EXPORT, appId, id)));
        return created;
    }

    JobResponse<ImportJobResource> getImport(String appId, String jobId) {
        apps.require(appId);
        return importResponse(require(appId, Kind.IMPORT, jobId));
    }

    JobResponse<ExportJobResource> getExport(String appId, String jobId) {
        apps.require(appId);
        return exportResponse(require(appId, Kind.EXPORT, jobId));
    }

    ImportJobsResponse listImports(String appId, String segmentId, PageRequest page) {
        Page<StoredJob> jobs = list(appId, Kind.IMPORT, segmentId, page);
        return new ImportJobsResponse(jobs.items().stream().map(JobService::importResponse).toList(), jobs.nextToken());
    }

    ExportJobsResponse listExports(String appId, String segmentId, PageRequest page) {
        Page<StoredJob> jobs = list(appId, Kind.EXPORT, segmentId, page);
        return new ExportJobsResponse(jobs.items().stream().map(JobService::exportResponse).toList(), jobs.nextToken());
    }

    @Override
    public void deleteAllOf(String appId) {
        store.deleteAllOf(appId);
    }

    private Page<StoredJob> list(String appId, Kind kind, String segmentId, PageRequest page) {
        apps.require(appId);
        if (segmentId != null) {
            segments.require(appId, segmentId, null);
        }
        return store.list(appId, kind, segmentId, page);
    }

    private StoredJob require(String appId, Kind kind, String jobId) {
        return store.get(appId, kind, jobId).orElseThrow(() -> ApiError.notFound(
                (kind == Kind.IMPORT ? "Import" : "Export") + " job " + jobId + " not found in application " + appId));
    }

    /** Creation time first (hex milliseconds), then randomness: 32 hex characters like Pinpoint's, newest sorting last. */
    private String newJobId() {
        return String.format("%012x", clock.millis()) + Ids.newId().substring(12);
    }

    static JobResponse<ImportJobResource> importResponse(StoredJob job) {
        return response(job, Json.read(job.definition(), ImportJobResource.class));
    }

    static JobResponse<ExportJobResource> exportResponse(StoredJob job) {
        return response(job, Json.read(job.definition(), ExportJobResource.class));
    }

    private static <D> JobResponse<D> response(StoredJob job, D definition) {
        return new JobResponse<>(job.appId(), (int) job.completedPieces(), job.completionDate(), job.creationDate(),
                definition, (int) job.failedPieces(), job.failures().isEmpty() ? null : job.failures(), job.id(),
                job.status(), (int) job.totalFailures(), (int) job.totalPieces(), (int) job.totalProcessed(),
                job.kind().name());
    }

    Optional<StoredJob> find(String appId, Kind kind, String jobId) {
        return store.get(appId, kind, jobId);
    }
}
