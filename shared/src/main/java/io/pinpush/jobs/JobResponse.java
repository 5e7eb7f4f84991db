package io.pinpush.jobs;

import java.util.List;

/**
 * {@code ImportJobResponse} and {@code ExportJobResponse}: the same members, with the import or export definition.
 * Counters and Failures are the job's live progress.
 */
public record JobResponse<D>(String applicationId, Integer completedPieces, String completionDate, String creationDate,
                             D definition, Integer failedPieces, List<String> failures, String id, JobStatus jobStatus,
                             Integer totalFailures, Integer totalPieces, Integer totalProcessed, String type) {
}
