package io.pinpush.jobs;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;

/** The objects a job reads and writes: S3 (with the caller's role) or, locally, files. */
public interface ObjectStorage {

    /** An object and its size in bytes. */
    record StoredObject(ObjectLocation location, long size) {
    }

    /**
     * The object at {@code location} when one exists with exactly that key, otherwise every object under it as a
     * prefix, in key order. JobFailure when the bucket (or folder) cannot be read.
     */
    List<StoredObject> list(ObjectLocation location);

    /** The bytes {@code [start, end)} of an object. JobFailure when it is gone or unreadable. */
    InputStream read(ObjectLocation object, long start, long end);

    /** Stores {@code file}'s content as the object. */
    void write(ObjectLocation object, Path file);
}
