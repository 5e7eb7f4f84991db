package io.pinpush.jobs;

import static io.pinpush.jobs.JobTesting.ROLE;
import static io.pinpush.jobs.JobTesting.awaitImport;
import static io.pinpush.jobs.JobTesting.bucket;
import static io.pinpush.jobs.JobTesting.newApp;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.MotoServer;
import io.pinpush.testing.PinpushExtension;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.LongAdder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * 100,000-row imports on the local emulators: many pieces in parallel, exact counts, malformed rows reported.
 * The deadline is generous (this is a correctness test; speed figures go to the README, not assertions).
 */
@ExtendWith(PinpushExtension.class)
class LargeImportTest {

    private static final int ROWS = 100_000;
    private static final int MALFORMED_EVERY = 10_000;
    private static final Duration LIMIT = Duration.ofMinutes(10);

    @Test
    void hundredThousandCsvRowsFromS3(PinpointClient pinpoint, MotoServer moto, LocalServer server) {
        StringBuilder csv = new StringBuilder("Id,ChannelType,Address,Location.Country,User.UserId,User.UserAttributes.Tier,"
                + "Attributes.Interests,Metrics.score\n");
        for (int i = 0; i < ROWS; i++) {
            if (i % MALFORMED_EVERY == 7) {
                csv.append("bad-").append(i).append(",GCM,token\n"); // too few fields
                continue;
            }
            csv.append("e-").append(i).append(i % 2 == 0 ? ",GCM," : ",APNS,").append("token-").append(i)
                    .append(",DE,user-").append(i).append(",gold,\"a,b\",").append(i % 100).append('\n');
        }
        String app = newApp(pinpoint);
        ImportJobResponse done;
        long started;
        try (S3Client s3 = JobTesting.s3(moto)) {
            String bucket = bucket(s3, "large-csv");
            s3.putObject(b -> b.bucket(bucket).key("big.csv"), RequestBody.fromString(csv.toString()));
            started = System.nanoTime();
            String job = pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                    .s3Url("s3://" + bucket + "/big.csv").roleArn(ROLE).format(Format.CSV).defineSegment(true)
                    .segmentName("big"))).importJobResponse().id();
            done = awaitImport(pinpoint, app, job, LIMIT);
        }
        System.out.printf("100k CSV import: %.1f s%n", (System.nanoTime() - started) / 1e9);
        int malformed = ROWS / MALFORMED_EVERY;
        assertThat(done.jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.totalProcessed()).isEqualTo(ROWS);
        assertThat(done.totalFailures()).isEqualTo(malformed);
        assertThat(done.failures()).hasSize(malformed).allMatch(f -> f.contains("the header has 8"));
        assertThat(done.totalPieces()).isEqualTo(ROWS / JobRunner.ROWS_PER_PIECE);
        assertThat(done.completedPieces()).isEqualTo(done.totalPieces());
        assertThat(countEndpoints(server, app)).isEqualTo(ROWS - malformed);
        LongAdder members = new LongAdder();
        server.pinpush().segmentAudience().forEachMember(app, done.definition().segmentId(), null, e -> members.increment());
        assertThat(members.sum()).isEqualTo(ROWS - malformed);
    }

    @Test
    void hundredThousandJsonLinesFromAFileUrl(PinpointClient pinpoint, LocalServer server, @TempDir Path folder)
            throws IOException {
        Path file = folder.resolve("endpoints.json");
        StringBuilder json = new StringBuilder();
        for (int i = 0; i < ROWS; i++) {
            if (i % MALFORMED_EVERY == 3) {
                json.append("{\"Id\":\"bad-").append(i).append("\",\"ChannelType\":\"GCM\",\"Address\":\n");
                continue;
            }
            json.append("{\"Id\":\"j-").append(i).append("\",\"ChannelType\":\"GCM\",\"Address\":\"token-").append(i)
                    .append("\",\"Location\":{\"Country\":\"FR\"},\"Attributes\":{\"Interests\":[\"x\"]}}\n");
        }
        Files.writeString(file, json);
        String app = newApp(pinpoint);
        long started = System.nanoTime();
        String job = pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                .s3Url(file.toUri().toString()).roleArn(ROLE).format(Format.JSON))).importJobResponse().id();
        ImportJobResponse done = awaitImport(pinpoint, app, job, LIMIT);
        System.out.printf("100k JSON import: %.1f s%n", (System.nanoTime() - started) / 1e9);
        int malformed = ROWS / MALFORMED_EVERY;
        assertThat(done.jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.totalProcessed()).isEqualTo(ROWS);
        assertThat(done.totalFailures()).isEqualTo(malformed);
        assertThat(done.failures()).hasSize(malformed).allMatch(f -> f.contains("not valid JSON"));
        assertThat(countEndpoints(server, app)).isEqualTo(ROWS - malformed);
    }

    private static long countEndpoints(LocalServer server, String app) {
        var endpoints = server.pinpush().endpoints();
        LongAdder count = new LongAdder();
        for (int shard = 0; shard < endpoints.shardCount(app); shard++) {
            endpoints.forEachInShard(app, shard, e -> count.increment());
        }
        return count.sum();
    }
}
