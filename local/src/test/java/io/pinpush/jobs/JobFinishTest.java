package io.pinpush.jobs;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.Pinpush;
import io.pinpush.api.Ids;
import io.pinpush.api.Json;
import io.pinpush.config.AwsClients;
import io.pinpush.config.PinpushConfig;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * How a job ends: only from the status its finisher saw (a START delivered twice, one copy of which failed to read its
 * input after the other had queued the pieces, does not turn a PROCESSING job into a FAILED one); FAILED when its
 * start cannot read the input on its last attempt, or when any one of its pieces failed.
 */
@ExtendWith(PinpushExtension.class)
class JobFinishTest {

    @Test
    void aJobEndsOnlyFromTheStatusItsFinisherSaw(LocalServer server) {
        JobStore store = new JobStore(server.pinpush().aws().dynamoDb(), server.pinpush().config());
        String appId = Ids.newId();
        String jobId = Ids.newId();
        store.create(appId, JobStore.Kind.IMPORT, jobId, "{}", "2026-12-05T00:00:00Z", null);
        assertThat(store.transition(appId, JobStore.Kind.IMPORT, jobId, JobStatus.CREATED, JobStatus.INITIALIZING)).isTrue();
        assertThat(store.startProcessing(appId, JobStore.Kind.IMPORT, jobId, 3)).isTrue();

        boolean failedLate = store.finish(appId, JobStore.Kind.IMPORT, jobId, JobStatus.INITIALIZING, JobStatus.FAILED,
                "2026-12-05T00:00:01Z", "could not read the input");

        assertThat(failedLate).isFalse();
        assertThat(store.get(appId, JobStore.Kind.IMPORT, jobId).orElseThrow().status()).isEqualTo(JobStatus.PROCESSING);
        assertThat(store.transition(appId, JobStore.Kind.IMPORT, jobId, JobStatus.PROCESSING, JobStatus.COMPLETING)).isTrue();
        assertThat(store.finish(appId, JobStore.Kind.IMPORT, jobId, JobStatus.COMPLETING, JobStatus.COMPLETED,
                "2026-12-05T00:00:02Z", null)).isTrue();
        assertThat(store.get(appId, JobStore.Kind.IMPORT, jobId).orElseThrow().status()).isEqualTo(JobStatus.COMPLETED);
    }

    @Test
    void aStartThatCannotReadTheInputEndsTheJobFailedOnItsLastAttempt(LocalServer server) {
        try (UnreachableS3 s3 = new UnreachableS3(server.pinpush())) {
            String start = Json.write(JobWork.start(JobStore.Kind.IMPORT, s3.appId, s3.jobId));

            assertThatThrownBy(() -> s3.runner.run(start, 1)).as("an early attempt is tried again")
                    .isInstanceOf(SdkClientException.class);
            assertThat(s3.job().status()).isEqualTo(JobStatus.INITIALIZING);

            s3.runner.run(start, JobRunner.PIECE_ATTEMPTS);

            JobStore.StoredJob failed = s3.job();
            assertThat(failed.status()).as("not INITIALIZING for good").isEqualTo(JobStatus.FAILED);
            assertThat(failed.failures()).singleElement().asString().startsWith("The input could not be read");
        }
    }

    /** The model: "The job status is FAILED if Amazon Pinpoint wasn't able to process one or more pieces". */
    @Test
    void oneFailedPieceAmongGoodOnesEndsTheJobFailed(LocalServer server) {
        try (UnreachableS3 s3 = new UnreachableS3(server.pinpush())) {
            assertThat(s3.store.transition(s3.appId, JobStore.Kind.IMPORT, s3.jobId, JobStatus.CREATED,
                    JobStatus.INITIALIZING)).isTrue();
            assertThat(s3.store.startProcessing(s3.appId, JobStore.Kind.IMPORT, s3.jobId, 2)).isTrue();
            // Piece 0 was imported whole by another instance...
            s3.store.countPiece(s3.job(), 0,
                    new JobStore.PieceResult(10, 0, List.of(), Map.of("GCM", 10L), false));
            // ...and piece 1 cannot be read (S3 does not answer) on its last attempt.
            String piece = Json.write(new JobWork(JobWork.Step.IMPORT_PIECE, s3.appId, s3.jobId,
                    new ImportPiece(1, "s3://bucket/in.csv", 100, 50, 100, 11, List.of("ChannelType", "Address")), null));

            s3.runner.run(piece, JobRunner.PIECE_ATTEMPTS);

            JobStore.StoredJob finished = s3.job();
            assertThat(finished.status()).as("one of two pieces failed").isEqualTo(JobStatus.FAILED);
            assertThat(finished.failedPieces()).isEqualTo(1L);
            assertThat(finished.failures()).singleElement().asString().startsWith("Piece 1 failed");
        }
    }

    /**
     * A job runner of a deployment whose S3 does not answer (a port nothing listens on), and one CREATED import job of
     * a new app in the real job store.
     */
    private static final class UnreachableS3 implements AutoCloseable {
        final Pinpush deployment;
        final JobRunner runner;
        final JobStore store;
        final String appId = Ids.newId();
        final String jobId = Ids.newId();

        UnreachableS3(Pinpush pinpush) {
            Map<String, String> settings = new HashMap<>(pinpush.config().values());
            settings.put("PINPUSH_ENDPOINT_S3", "http://127.0.0.1:9");
            PinpushConfig unreachable = new PinpushConfig(settings);
            deployment = new Pinpush(unreachable, new AwsClients(unreachable), pinpush.secrets(), Clock.systemUTC());
            runner = deployment.jobRunner();
            store = new JobStore(pinpush.aws().dynamoDb(), pinpush.config());
            store.create(appId, JobStore.Kind.IMPORT, jobId, Json.write(new ImportJobResource(null, null, Format.CSV,
                    null, "arn:aws:iam::000000000000:role/import", "s3://bucket/in.csv", null, null)),
                    "2026-12-05T00:00:00Z", null);
        }

        JobStore.StoredJob job() {
            return store.get(appId, JobStore.Kind.IMPORT, jobId).orElseThrow();
        }

        @Override
        public void close() {
            deployment.close();
        }
    }
}
