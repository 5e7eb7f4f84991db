package io.pinpush.jobs;

import static io.pinpush.jobs.JobTesting.ROLE;
import static io.pinpush.jobs.JobTesting.awaitExport;
import static io.pinpush.jobs.JobTesting.awaitImport;
import static io.pinpush.jobs.JobTesting.bucket;
import static io.pinpush.jobs.JobTesting.newApp;
import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.testing.MotoServer;
import io.pinpush.testing.PinpushExtension;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.DimensionType;
import software.amazon.awssdk.services.pinpoint.model.EndpointBatchItem;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.ExportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Export jobs write gzip JSON lines under the prefix; importing them back gives the same endpoints. */
@ExtendWith(PinpushExtension.class)
class ExportJobApiTest {

    private static final Duration JOB = Duration.ofSeconds(60);

    @Test
    void exportRoundTripsThroughImportToTheSameEndpoints(PinpointClient pinpoint, MotoServer moto) {
        String source = newApp(pinpoint);
        List<EndpointBatchItem> items = new ArrayList<>();
        for (int i = 0; i < 90; i++) {
            items.add(EndpointBatchItem.builder().id("ep-" + i).channelType(i % 3 == 0 ? ChannelType.APNS : ChannelType.GCM)
                    .address("token-" + i).location(l -> l.country("DE").city("Berlin"))
                    .attributes(Map.of("Interests", List.of("a", "b")))
                    .metrics(Map.of("score", 1.5)).user(u -> u.userId("u-" + items.size())
                            .userAttributes(Map.of("Tier", List.of("gold"))))
                    .demographic(d -> d.platform("android").make("acme")).optOut(i % 10 == 0 ? "ALL" : "NONE")
                    .build());
        }
        for (int from = 0; from < items.size(); from += 30) {
            List<EndpointBatchItem> batch = items.subList(from, from + 30);
            pinpoint.updateEndpointsBatch(b -> b.applicationId(source).endpointBatchRequest(r -> r.item(batch)));
        }
        try (S3Client s3 = JobTesting.s3(moto)) {
            String bucket = bucket(s3, "round-trip");
            ExportJobResponse created = pinpoint.createExportJob(b -> b.applicationId(source).exportJobRequest(r -> r
                    .s3UrlPrefix("s3://" + bucket + "/exports").roleArn(ROLE))).exportJobResponse();
            assertThat(created.jobStatus()).isEqualTo(JobStatus.CREATED);
            assertThat(created.type()).isEqualTo("EXPORT");
            ExportJobResponse done = awaitExport(pinpoint, source, created.id(), JOB);
            assertThat(done.jobStatus()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done.totalProcessed()).isEqualTo(90);
            assertThat(done.completedPieces()).isEqualTo(done.totalPieces());

            List<S3Object> files = s3.listObjectsV2(b -> b.bucket(bucket).prefix("exports/" + created.id() + "/")).contents();
            assertThat(files).isNotEmpty().allMatch(o -> o.key().endsWith(".json.gz"));
            assertThat(files.stream().mapToLong(o -> lines(s3, bucket, o.key()).size()).sum()).isEqualTo(90);

            // The export's prefix imports as it is: Pinpush reads gzip objects (.json.gz) too.
            String target = newApp(pinpoint);
            ImportJobResponse again = pinpoint.createImportJob(b -> b.applicationId(target).importJobRequest(r -> r
                    .s3Url("s3://" + bucket + "/exports/" + created.id() + "/").roleArn(ROLE).format(Format.JSON)))
                    .importJobResponse();
            ImportJobResponse reimported = awaitImport(pinpoint, target, again.id(), JOB);
            assertThat(reimported.jobStatus()).isEqualTo(JobStatus.COMPLETED);
            assertThat(reimported.totalProcessed()).isEqualTo(90);
            assertThat(reimported.totalFailures()).isZero();

            for (int i = 0; i < 90; i++) {
                String id = "ep-" + i;
                EndpointResponse before = pinpoint.getEndpoint(b -> b.applicationId(source).endpointId(id)).endpointResponse();
                EndpointResponse after = pinpoint.getEndpoint(b -> b.applicationId(target).endpointId(id)).endpointResponse();
                assertThat(comparable(after)).isEqualTo(comparable(before));
            }
        }
    }

    @Test
    void exportOfASegmentWritesOnlyItsMembers(PinpointClient pinpoint, MotoServer moto) {
        String app = newApp(pinpoint);
        for (int i = 0; i < 20; i++) {
            int n = i;
            pinpoint.updateEndpoint(b -> b.applicationId(app).endpointId("e-" + n).endpointRequest(r -> r
                    .channelType(ChannelType.GCM).address("t-" + n).location(l -> l.country(n % 2 == 0 ? "DE" : "FR"))));
        }
        String segment = pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("de")
                .dimensions(d -> d.location(l -> l.country(c -> c.dimensionType(DimensionType.INCLUSIVE).values("DE"))))))
                .segmentResponse().id();
        try (S3Client s3 = JobTesting.s3(moto)) {
            String bucket = bucket(s3, "segment-export");
            ExportJobResponse created = pinpoint.createExportJob(b -> b.applicationId(app).exportJobRequest(r -> r
                    .s3UrlPrefix("s3://" + bucket + "/out/").roleArn(ROLE).segmentId(segment).segmentVersion(1)))
                    .exportJobResponse();
            ExportJobResponse done = awaitExport(pinpoint, app, created.id(), JOB);
            assertThat(done.jobStatus()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done.totalProcessed()).isEqualTo(10);
            List<String> exported = new ArrayList<>();
            s3.listObjectsV2(b -> b.bucket(bucket).prefix("out/")).contents()
                    .forEach(o -> exported.addAll(lines(s3, bucket, o.key())));
            assertThat(exported).hasSize(10).allMatch(line -> line.contains("\"Country\":\"DE\""));
            assertThat(pinpoint.getSegmentExportJobs(b -> b.applicationId(app).segmentId(segment)).exportJobsResponse()
                    .item()).extracting(ExportJobResponse::id).containsExactly(created.id());
        }
    }

    /** What an import reproduces: everything but the app id, dates and the request id. */
    private static Map<String, Object> comparable(EndpointResponse e) {
        Map<String, Object> m = new HashMap<>();
        m.put("id", e.id());
        m.put("address", e.address());
        m.put("channel", e.channelType());
        m.put("attributes", e.attributes());
        m.put("metrics", e.metrics());
        m.put("user", e.user());
        m.put("location", e.location());
        m.put("demographic", e.demographic());
        m.put("optOut", e.optOut());
        m.put("status", e.endpointStatus());
        m.put("effectiveDate", e.effectiveDate());
        return m;
    }

    private static List<String> lines(S3Client s3, String bucket, String key) {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(
                new GZIPInputStream(s3.getObject(b -> b.bucket(bucket).key(key))), StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.isBlank()).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
