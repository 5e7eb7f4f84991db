package io.pinpush.jobs;

import static io.pinpush.jobs.JobTesting.ROLE;
import static io.pinpush.jobs.JobTesting.awaitImport;
import static io.pinpush.jobs.JobTesting.newApp;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.pinpush.functions.EventJson;
import io.pinpush.functions.JobRunnerHandler;
import io.pinpush.local.LocalContext;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.EventSamples;
import io.pinpush.testing.PinpushExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;

/**
 * Replays {@code events/sqs-job-import-start.json} (a job's start and its piece, delivered again) through the real
 * job runner function: both are acknowledged and the job's counts do not move. A body that is not job work is a
 * batch item failure.
 */
@ExtendWith(PinpushExtension.class)
class JobRunnerReplayTest {


    @Test
    void aRedeliveredStartAndPieceAreAcknowledgedAndCountNothingTwice(PinpointClient pinpoint, LocalServer server,
                                                                       @TempDir Path folder) throws Exception {
        String header = "Id,ChannelType,Address,Location.Country\n";
        Path file = folder.resolve("endpoints.csv");
        Files.writeString(file, header + "r1,GCM,t1,DE\nr2,GCM,t2,FR\nr3,APNS,t3,US\n");
        String app = newApp(pinpoint);
        String job = pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                .s3Url(file.toUri().toString()).roleArn(ROLE).format(Format.CSV))).importJobResponse().id();
        ImportJobResponse done = awaitImport(pinpoint, app, job, Duration.ofSeconds(30));
        assertThat(done.jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(done.totalProcessed()).isEqualTo(3);

        String json = EventSamples.forApp("sqs-job-import-start.json", app).replace("${jobId}", job)
                .replace("${object}", "file://" + file.toAbsolutePath())
                .replace("${objectSize}", Long.toString(Files.size(file)))
                .replace("${start}", Integer.toString(header.getBytes(StandardCharsets.UTF_8).length));
        SQSEvent event = EventJson.mapper().readValue(json, SQSEvent.class);
        JobRunnerHandler handler = new JobRunnerHandler(server.pinpush());

        SQSBatchResponse response = handler.handleRequest(event, new LocalContext());

        assertThat(response.getBatchItemFailures()).isEmpty();
        ImportJobResponse after = pinpoint.getImportJob(b -> b.applicationId(app).jobId(job)).importJobResponse();
        assertThat(after.jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(after.totalProcessed()).isEqualTo(3);
        assertThat(after.completedPieces()).isEqualTo(1);
        assertThat(after.totalPieces()).isEqualTo(1);

        SQSEvent.SQSMessage garbage = event.getRecords().get(0);
        garbage.setBody("{\"Step\":\"NOT_A_STEP\"}");
        event.setRecords(List.of(garbage));
        assertThat(handler.handleRequest(event, new LocalContext()).getBatchItemFailures())
                .extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(garbage.getMessageId());
    }
}
