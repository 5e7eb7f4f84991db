package io.pinpush.jobs;

import static io.pinpush.jobs.JobTesting.ROLE;
import static io.pinpush.jobs.JobTesting.awaitImport;
import static io.pinpush.jobs.JobTesting.newApp;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.functions.JobRunnerHandler;
import io.pinpush.local.LocalServer;
import io.pinpush.testing.EventSamples;
import io.pinpush.testing.PinpushExtension;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
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
        JobRunnerHandler handler = new JobRunnerHandler(server.pinpush());

        JsonNode response = EventSamples.invoke(handler, json);

        assertThat(response.path("batchItemFailures").isArray()).isTrue();
        assertThat(response.path("batchItemFailures")).isEmpty();
        ImportJobResponse after = pinpoint.getImportJob(b -> b.applicationId(app).jobId(job)).importJobResponse();
        assertThat(after.jobStatus()).isEqualTo(JobStatus.COMPLETED);
        assertThat(after.totalProcessed()).isEqualTo(3);
        assertThat(after.completedPieces()).isEqualTo(1);
        assertThat(after.totalPieces()).isEqualTo(1);

        ObjectNode event = (ObjectNode) EventSamples.readJson(json);
        ArrayNode records = (ArrayNode) event.path("Records");
        ObjectNode garbage = (ObjectNode) records.get(0);
        garbage.put("body", "{\"Step\":\"NOT_A_STEP\"}");
        event.putArray("Records").add(garbage);
        assertThat(EventSamples.invoke(handler, event.toString()).path("batchItemFailures"))
                .extracting(failure -> failure.path("itemIdentifier").asText())
                .containsExactly(garbage.path("messageId").asText());
    }
}
