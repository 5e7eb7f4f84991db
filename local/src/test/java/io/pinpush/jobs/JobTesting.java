package io.pinpush.jobs;

import static org.awaitility.Awaitility.await;

import io.pinpush.testing.MotoServer;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ExportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.s3.S3Client;

/** Steps the job tests share: apps, moto's S3, and waiting for a job to end. */
final class JobTesting {

    static final String ROLE = "arn:aws:iam::000000000000:role/pinpoint-import";

    private JobTesting() {
    }

    static String newApp(PinpointClient pinpoint) {
        return pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("jobs-test"))).applicationResponse().id();
    }

    static S3Client s3(MotoServer moto) {
        return S3Client.builder().endpointOverride(moto.endpoint()).forcePathStyle(true).region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.create()).build();
    }

    static void put(S3Client s3, String bucket, String key, String content) {
        s3.putObject(b -> b.bucket(bucket).key(key), RequestBody.fromString(content));
    }

    static String bucket(S3Client s3, String name) {
        s3.createBucket(b -> b.bucket(name));
        return name;
    }

    /** Waits (up to {@code limit}) for the import job to be COMPLETED or FAILED and returns it. */
    static ImportJobResponse awaitImport(PinpointClient pinpoint, String app, String jobId, Duration limit) {
        return awaitEnd(() -> pinpoint.getImportJob(b -> b.applicationId(app).jobId(jobId)).importJobResponse(),
                ImportJobResponse::jobStatus, limit);
    }

    static ExportJobResponse awaitExport(PinpointClient pinpoint, String app, String jobId, Duration limit) {
        return awaitEnd(() -> pinpoint.getExportJob(b -> b.applicationId(app).jobId(jobId)).exportJobResponse(),
                ExportJobResponse::jobStatus, limit);
    }

    private static <T> T awaitEnd(Supplier<T> job, Function<T, JobStatus> status, Duration limit) {
        AtomicReference<T> last = new AtomicReference<>();
        await().atMost(limit).pollInterval(Duration.ofMillis(200)).until(() -> {
            last.set(job.get());
            return status.apply(last.get()) == JobStatus.COMPLETED || status.apply(last.get()) == JobStatus.FAILED;
        });
        return last.get();
    }
}
