package io.pinpush.jobs;

/**
 * One message on the job queue: start a job (list and cut its input, or count its shards), or run one piece.
 * {@code piece} is set for import pieces, {@code shard} for export pieces.
 */
public record JobWork(Step step, String appId, String jobId, ImportPiece piece, Integer shard) {

    public enum Step { IMPORT_START, IMPORT_PIECE, EXPORT_START, EXPORT_PIECE }

    static JobWork start(JobStore.Kind kind, String appId, String jobId) {
        return new JobWork(kind == JobStore.Kind.IMPORT ? Step.IMPORT_START : Step.EXPORT_START, appId, jobId, null, null);
    }
}
