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
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A job ends only from the status its finisher saw: a START delivered twice, one copy of which failed to read its
 * input after the other had queued the pieces, does not turn a PROCESSING job into a FAILED one.
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
        Pinpush pinpush = server.pinpush();
        // The runner of a deployment whose S3 does not answer (a port nothing listens on).
        Map<String, String> settings = new HashMap<>(pinpush.config().values());
        settings.put("PINPUSH_ENDPOINT_S3", "http://127.0.0.1:9");
        PinpushConfig unreachable = new PinpushConfig(settings);
        try (AwsClients aws = new AwsClients(unreachable); ObjectStorages storages = new ObjectStorages(aws)) {
            JobRunner runner = new JobRunner(new ImportedSegments(aws.dynamoDb(), unreachable),
                    new JobQueue(aws::sqs, () -> "unused"), pinpush.endpoints(), pinpush.segments(), storages,
                    Clock.systemUTC());
            JobStore store = new JobStore(pinpush.aws().dynamoDb(), pinpush.config());
            String appId = Ids.newId();
            String jobId = Ids.newId();
            store.create(appId, JobStore.Kind.IMPORT, jobId, Json.write(new ImportJobResource(null, null, Format.CSV,
                    null, "arn:aws:iam::000000000000:role/import", "s3://bucket/in.csv", null, null)),
                    "2026-12-05T00:00:00Z", null);
            String start = Json.write(JobWork.start(JobStore.Kind.IMPORT, appId, jobId));

            assertThatThrownBy(() -> runner.run(start, 1)).as("an early attempt is tried again")
                    .isInstanceOf(RuntimeException.class);
            assertThat(store.get(appId, JobStore.Kind.IMPORT, jobId).orElseThrow().status())
                    .isEqualTo(JobStatus.INITIALIZING);

            runner.run(start, JobRunner.PIECE_ATTEMPTS);

            JobStore.StoredJob failed = store.get(appId, JobStore.Kind.IMPORT, jobId).orElseThrow();
            assertThat(failed.status()).as("not INITIALIZING for good").isEqualTo(JobStatus.FAILED);
            assertThat(failed.failures()).singleElement().asString().startsWith("The input could not be read");
        }
    }
}
