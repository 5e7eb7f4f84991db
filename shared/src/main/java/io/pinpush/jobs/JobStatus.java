package io.pinpush.jobs;

/** Pinpoint's job states. Pinpush moves through CREATED, INITIALIZING, PROCESSING, COMPLETING, then COMPLETED or FAILED. */
public enum JobStatus {
    CREATED, PREPARING_FOR_INITIALIZATION, INITIALIZING, PROCESSING, PENDING_JOB, COMPLETING, COMPLETED, FAILING, FAILED;

    boolean isFinal() {
        return this == COMPLETED || this == FAILED;
    }
}
