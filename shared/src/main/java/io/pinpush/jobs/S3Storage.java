package io.pinpush.jobs;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** S3 objects through one client (built with the job's role credentials by {@link ObjectStorages}). */
final class S3Storage implements ObjectStorage {

    private final S3Client s3;

    S3Storage(S3Client s3) {
        this.s3 = s3;
    }

    @Override
    public List<StoredObject> list(ObjectLocation location) {
        try {
            if (!location.key().isEmpty() && !location.key().endsWith("/")) {
                try {
                    long size = s3.headObject(b -> b.bucket(location.bucket()).key(location.key())).contentLength();
                    return List.of(new StoredObject(location, size));
                } catch (NoSuchKeyException notAnObject) {
                    // Then it is a prefix.
                } catch (S3Exception e) {
                    if (e.statusCode() != 404) throw e;
                }
            }
            List<StoredObject> objects = new ArrayList<>();
            s3.listObjectsV2Paginator(b -> b.bucket(location.bucket()).prefix(location.key())).contents()
                    .forEach(o -> {
                        if (!o.key().endsWith("/")) {
                            objects.add(new StoredObject(location.withKey(o.key()), o.size()));
                        }
                    });
            return objects;
        } catch (NoSuchBucketException e) {
            throw new JobFailure("The bucket " + location.bucket() + " does not exist", e);
        } catch (S3Exception e) {
            throw new JobFailure("Could not list " + location + ": " + reason(e), e);
        }
    }

    @Override
    public InputStream read(ObjectLocation object, long start, long end) {
        if (end <= start) {
            return InputStream.nullInputStream();
        }
        try {
            return s3.getObject(b -> b.bucket(object.bucket()).key(object.key())
                    .range("bytes=" + start + "-" + (end - 1)));
        } catch (NoSuchKeyException | NoSuchBucketException e) {
            throw new JobFailure("The object " + object + " no longer exists", e);
        } catch (S3Exception e) {
            throw new JobFailure("Could not read " + object + ": " + reason(e), e);
        }
    }

    @Override
    public void write(ObjectLocation object, Path file) {
        try {
            s3.putObject(b -> b.bucket(object.bucket()).key(object.key()).contentType("application/gzip"),
                    RequestBody.fromFile(file));
        } catch (NoSuchBucketException e) {
            throw new JobFailure("The bucket " + object.bucket() + " does not exist", e);
        } catch (S3Exception e) {
            throw new JobFailure("Could not write " + object + ": " + reason(e), e);
        }
    }

    private static String reason(S3Exception e) {
        String code = e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
        return (code == null ? "HTTP " + e.statusCode() : code) + (e.getMessage() == null ? "" : " (" + e.getMessage() + ")");
    }
}
