package io.pinpush.jobs;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.Ids;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
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
}
