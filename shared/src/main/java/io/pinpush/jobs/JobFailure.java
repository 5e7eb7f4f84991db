package io.pinpush.jobs;

/** Something that makes a whole job fail (a missing object, an unreadable file): the message is the job's reason. */
public final class JobFailure extends RuntimeException {

    public JobFailure(String reason) {
        super(reason);
    }

    public JobFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
