package io.pinpush.jobs;

import static io.pinpush.jobs.JobTesting.ROLE;
import static io.pinpush.jobs.JobTesting.awaitImport;
import static io.pinpush.jobs.JobTesting.bucket;
import static io.pinpush.jobs.JobTesting.newApp;
import static io.pinpush.jobs.JobTesting.put;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.MotoServer;
import io.pinpush.testing.PinpushExtension;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.ChannelType;
import software.amazon.awssdk.services.pinpoint.model.EndpointResponse;
import software.amazon.awssdk.services.pinpoint.model.Format;
import software.amazon.awssdk.services.pinpoint.model.ImportJobResponse;
import software.amazon.awssdk.services.pinpoint.model.JobStatus;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.SegmentResponse;
import software.amazon.awssdk.services.pinpoint.model.SegmentType;
import software.amazon.awssdk.services.s3.S3Client;

/** Import jobs through the real PinpointClient, reading moto's S3. */
@ExtendWith(PinpushExtension.class)
class ImportJobApiTest {

    private static final Duration SMALL_JOB = Duration.ofSeconds(30);

    @Test
    void csvWithDottedHeadersImportsEndpointsAndReportsBadRowsWithoutStopping(PinpointClient pinpoint, MotoServer moto) {
        String app = newApp(pinpoint);
        try (S3Client s3 = JobTesting.s3(moto)) {
            String bucket = bucket(s3, "csv-import");
            put(s3, bucket, "in/endpoints.csv", String.join("\r\n",
                    "Id,ChannelType,Address,Location.Country,User.UserId,User.UserAttributes.Tier,Attributes.Interests,Metrics.score",
                    "a,GCM,token-a,DE,user-a,gold,\"science,travel\",4.5",
                    "b,APNS,token-b,FR,user-b,silver,politics,1",
                    "c,GCM,token-c,DE,user-c,gold,sports",               // 7 fields: malformed
                    "d,PIGEON,token-d,DE,user-d,gold,sports,2",          // unknown channel type
                    ",GCM,,DE,user-e,gold,sports,2",                     // new endpoint without address
                    "f,GCM,\"token,with \"\"quotes\"\"\nand a line break\",US,user-f,bronze,,3",
                    ""));
            ImportJobResponse created = pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                    .s3Url("s3://" + bucket + "/in/endpoints.csv").roleArn(ROLE).format(Format.CSV)
                    .registerEndpoints(true))).importJobResponse();
            assertThat(created.jobStatus()).isEqualTo(JobStatus.CREATED);
            assertThat(created.type()).isEqualTo("IMPORT");
            assertThat(created.definition().s3Url()).isEqualTo("s3://" + bucket + "/in/endpoints.csv");

            ImportJobResponse done = awaitImport(pinpoint, app, created.id(), SMALL_JOB);
            assertThat(done.jobStatus()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done.totalPieces()).isEqualTo(1);
            assertThat(done.completedPieces()).isEqualTo(1);
            assertThat(done.failedPieces()).isZero();
            assertThat(done.totalProcessed()).isEqualTo(6);
            assertThat(done.totalFailures()).isEqualTo(3);
            assertThat(done.completionDate()).isNotNull();
            assertThat(done.failures()).hasSize(3);
            assertThat(done.failures().get(0)).startsWith("Row 4 of s3://" + bucket + "/in/endpoints.csv").contains("7 fields");
            assertThat(done.failures().get(1)).startsWith("Row 5 ").contains("PIGEON");
            assertThat(done.failures().get(2)).startsWith("Row 6 ").contains("Address");

            EndpointResponse a = pinpoint.getEndpoint(b -> b.applicationId(app).endpointId("a")).endpointResponse();
            assertThat(a.channelType()).isEqualTo(ChannelType.GCM);
            assertThat(a.location().country()).isEqualTo("DE");
            assertThat(a.user().userId()).isEqualTo("user-a");
            assertThat(a.user().userAttributes()).containsEntry("Tier", List.of("gold"));
            assertThat(a.attributes()).containsEntry("Interests", List.of("science", "travel"));
            assertThat(a.metrics()).containsEntry("score", 4.5);
            EndpointResponse f = pinpoint.getEndpoint(b -> b.applicationId(app).endpointId("f")).endpointResponse();
            assertThat(f.address()).isEqualTo("token,with \"quotes\"\nand a line break");
            // Nothing of the bad rows was written.
            for (String id : List.of("c", "d")) {
                assertThatThrownBy(() -> pinpoint.getEndpoint(b -> b.applicationId(app).endpointId(id)))
                        .isInstanceOf(NotFoundException.class);
            }
            assertThat(pinpoint.getImportJobs(b -> b.applicationId(app)).importJobsResponse().item())
                    .extracting(ImportJobResponse::id).containsExactly(created.id());
        }
    }

    @Test
    void importWithDefineSegmentHoldsExactlyTheImportedEndpoints(PinpointClient pinpoint, MotoServer moto,
                                                                  LocalServer server) {
        String app = newApp(pinpoint);
        // Endpoints that exist already and are not in the file: never members.
        for (int i = 0; i < 5; i++) {
            int n = i;
            pinpoint.updateEndpoint(b -> b.applicationId(app).endpointId("old-" + n)
                    .endpointRequest(r -> r.channelType(ChannelType.GCM).address("old-token-" + n)));
        }
        try (S3Client s3 = JobTesting.s3(moto)) {
            String bucket = bucket(s3, "json-import");
            // A byte-order mark opens the file, as some tools write UTF-8: the first row is imported all the same.
            StringBuilder lines = new StringBuilder("\uFEFF");
            for (int i = 0; i < 40; i++) {
                lines.append("{\"Id\":\"new-").append(i).append("\",\"ChannelType\":\"").append(i % 4 == 0 ? "APNS" : "GCM")
                        .append("\",\"Address\":\"t-").append(i).append("\",\"Location\":{\"Country\":\"DE\"}}\n");
            }
            lines.append("{not json\n");
            put(s3, bucket, "batch/part-1.json", lines.toString());
            put(s3, bucket, "batch/ignored.csv", "Id,ChannelType,Address\nx,GCM,tx\n");
            ImportJobResponse created = pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                    .s3Url("s3://" + bucket + "/batch/").roleArn(ROLE).format(Format.JSON).registerEndpoints(true)
                    .defineSegment(true).segmentName("imported").externalId("ext-1"))).importJobResponse();
            String segmentId = created.definition().segmentId();
            assertThat(segmentId).isNotBlank();

            ImportJobResponse done = awaitImport(pinpoint, app, created.id(), SMALL_JOB);
            assertThat(done.jobStatus()).isEqualTo(JobStatus.COMPLETED);
            assertThat(done.totalProcessed()).isEqualTo(41);
            assertThat(done.totalFailures()).isEqualTo(1);
            assertThat(done.failures()).singleElement().asString().startsWith("Row 41 ").contains("not valid JSON");
            assertThatThrownBy(() -> pinpoint.getEndpoint(b -> b.applicationId(app).endpointId("x")))
                    .as("the CSV object under the prefix is skipped").isInstanceOf(NotFoundException.class);

            SegmentResponse segment = pinpoint.getSegment(b -> b.applicationId(app).segmentId(segmentId)).segmentResponse();
            assertThat(segment.segmentType()).isEqualTo(SegmentType.IMPORT);
            assertThat(segment.name()).isEqualTo("imported");
            assertThat(segment.version()).isEqualTo(1);
            assertThat(segment.importDefinition().size()).isEqualTo(40);
            assertThat(segment.importDefinition().format()).isEqualTo(Format.JSON);
            assertThat(segment.importDefinition().externalId()).isEqualTo("ext-1");
            assertThat(segment.importDefinition().channelCounts()).containsExactlyInAnyOrderEntriesOf(
                    Map.of("APNS", 10, "GCM", 30));

            Set<String> members = ConcurrentHashMap.newKeySet();
            server.pinpush().segmentAudience().forEachMember(app, segmentId, null, e -> members.add(e.id()));
            assertThat(members).hasSize(40).allMatch(id -> id.startsWith("new-"));
            assertThat(pinpoint.getSegmentImportJobs(b -> b.applicationId(app).segmentId(segmentId))
                    .importJobsResponse().item()).extracting(ImportJobResponse::id).containsExactly(created.id());

            // A second import into the same segment is its next version, holding only the new file's endpoints.
            put(s3, bucket, "second.json", "{\"Id\":\"old-1\"}\n{\"Id\":\"new-3\"}\n");
            ImportJobResponse second = pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                    .s3Url("s3://" + bucket + "/second.json").roleArn(ROLE).format(Format.JSON)
                    .segmentId(segmentId))).importJobResponse();
            assertThat(awaitImport(pinpoint, app, second.id(), SMALL_JOB).jobStatus()).isEqualTo(JobStatus.COMPLETED);
            SegmentResponse v2 = pinpoint.getSegment(b -> b.applicationId(app).segmentId(segmentId)).segmentResponse();
            assertThat(v2.version()).isEqualTo(2);
            Set<String> v2Members = ConcurrentHashMap.newKeySet();
            server.pinpush().segmentAudience().forEachMember(app, segmentId, null, e -> v2Members.add(e.id()));
            assertThat(v2Members).containsExactlyInAnyOrder("old-1", "new-3");
            Set<String> v1Members = ConcurrentHashMap.newKeySet();
            server.pinpush().segmentAudience().forEachMember(app, segmentId, 1, e -> v1Members.add(e.id()));
            assertThat(v1Members).hasSize(40);
        }
    }

    @Test
    void anUnclosedQuoteInTheLastRowFailsThatRowAndTheSegmentSizeCountsTheOthers(PinpointClient pinpoint,
                                                                                 MotoServer moto) {
        String app = newApp(pinpoint);
        try (S3Client s3 = JobTesting.s3(moto)) {
            String bucket = bucket(s3, "csv-quote");
            put(s3, bucket, "in.csv", "Id,ChannelType,Address\na,GCM,ta\nb,GCM,tb\nc,GCM,\"tc\n");
            ImportJobResponse created = pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                    .s3Url("s3://" + bucket + "/in.csv").roleArn(ROLE).format(Format.CSV).registerEndpoints(true)
                    .defineSegment(true).segmentName("quoted"))).importJobResponse();

            ImportJobResponse done = awaitImport(pinpoint, app, created.id(), SMALL_JOB);
            assertThat(done.totalProcessed()).isEqualTo(3);
            assertThat(done.totalFailures()).isEqualTo(1);
            SegmentResponse segment = pinpoint.getSegment(b -> b.applicationId(app)
                    .segmentId(created.definition().segmentId())).segmentResponse();
            assertThat(segment.importDefinition().size()).as("the endpoints imported").isEqualTo(2);
        }
    }

    @Test
    void missingObjectOrBucketFailsTheJobWithAClearReason(PinpointClient pinpoint, MotoServer moto) {
        String app = newApp(pinpoint);
        try (S3Client s3 = JobTesting.s3(moto)) {
            String bucket = bucket(s3, "empty-bucket");
            ImportJobResponse missingKey = pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                    .s3Url("s3://" + bucket + "/nothing-here.csv").roleArn(ROLE).format(Format.CSV))).importJobResponse();
            ImportJobResponse failed = awaitImport(pinpoint, app, missingKey.id(), SMALL_JOB);
            assertThat(failed.jobStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(failed.failures()).singleElement().asString()
                    .contains("No CSV objects found at s3://" + bucket + "/nothing-here.csv");

            ImportJobResponse missingBucket = pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                    .s3Url("s3://no-such-bucket-here/x.json").roleArn(ROLE).format(Format.JSON))).importJobResponse();
            ImportJobResponse failedBucket = awaitImport(pinpoint, app, missingBucket.id(), SMALL_JOB);
            assertThat(failedBucket.jobStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(failedBucket.failures()).singleElement().asString()
                    .contains("The bucket no-such-bucket-here does not exist");

            put(s3, bucket, "bad-header.csv", "Id,ChannelType,Favourite.Colour\na,GCM,blue\n");
            ImportJobResponse badHeader = pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                    .s3Url("s3://" + bucket + "/bad-header.csv").roleArn(ROLE).format(Format.CSV))).importJobResponse();
            ImportJobResponse failedHeader = awaitImport(pinpoint, app, badHeader.id(), SMALL_JOB);
            assertThat(failedHeader.jobStatus()).isEqualTo(JobStatus.FAILED);
            assertThat(failedHeader.failures()).singleElement().asString().contains("unknown column 'Favourite.Colour'");
        }
    }

    @Test
    void deleteAppRemovesItsJobsAndImportedMemberLists(PinpointClient pinpoint, LocalServer server,
                                                         @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder)
            throws java.io.IOException {
        java.nio.file.Path file = folder.resolve("members.json");
        java.nio.file.Files.writeString(file, "{\"Id\":\"m1\",\"ChannelType\":\"GCM\",\"Address\":\"a1\"}\n"
                + "{\"Id\":\"m2\",\"ChannelType\":\"GCM\",\"Address\":\"a2\"}\n");
        String app = newApp(pinpoint);
        ImportJobResponse created = pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                .s3Url(file.toUri().toString()).roleArn(ROLE).format(Format.JSON).defineSegment(true)))
                .importJobResponse();
        assertThat(awaitImport(pinpoint, app, created.id(), SMALL_JOB).jobStatus()).isEqualTo(JobStatus.COMPLETED);
        var dynamoDb = server.pinpush().aws().dynamoDb();
        String table = server.pinpush().config().tableName(io.pinpush.store.Tables.JOBS.logicalName());
        java.util.function.Function<String, Integer> items = pk -> dynamoDb.query(b -> b.tableName(table)
                .keyConditionExpression("pk = :pk").expressionAttributeValues(Map.of(":pk",
                        software.amazon.awssdk.services.dynamodb.model.AttributeValue.fromS(pk)))).count();
        String members = app + "#members#" + created.id();
        assertThat(items.apply(app)).as("the job, its piece marker, the segment version's job").isGreaterThanOrEqualTo(3);
        assertThat(items.apply(members)).isEqualTo(2);

        pinpoint.deleteApp(b -> b.applicationId(app));

        assertThat(items.apply(app)).isZero();
        assertThat(items.apply(members)).isZero();
    }

    @Test
    void invalidRequestsAre400sAndWriteNothing(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        String dimensional = pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("dim")))
                .segmentResponse().id();
        List<Runnable> invalid = List.of(
                () -> pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                        .s3Url("s3://bucket/x.csv").roleArn(ROLE))),
                () -> pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                        .s3Url("https://bucket/x.csv").roleArn(ROLE).format(Format.CSV))),
                () -> pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                        .s3Url("s3://bucket/x.csv").format(Format.CSV))),
                () -> pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                        .s3Url("s3://bucket/x.csv").roleArn(ROLE).format(Format.CSV).segmentId(dimensional))),
                () -> pinpoint.createExportJob(b -> b.applicationId(app).exportJobRequest(r -> r
                        .s3UrlPrefix("s3://bucket/out/"))),
                () -> pinpoint.createExportJob(b -> b.applicationId(app).exportJobRequest(r -> r
                        .s3UrlPrefix("s3:///out/").roleArn(ROLE))),
                () -> pinpoint.createExportJob(b -> b.applicationId(app).exportJobRequest(r -> r
                        .s3UrlPrefix("s3://bucket/out/").roleArn(ROLE).segmentVersion(2))),
                // A RoleArn that is not a role's ARN (the recipe's placeholder): refused now, not at STS later.
                () -> pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                        .s3Url("s3://bucket/x.csv").roleArn("iam-import-role-arn").format(Format.CSV))),
                () -> pinpoint.createExportJob(b -> b.applicationId(app).exportJobRequest(r -> r
                        .s3UrlPrefix("s3://bucket/out/").roleArn("arn:aws:iam::000000000000:user/someone"))));
        for (Runnable call : invalid) {
            assertThatThrownBy(call::run).isInstanceOf(BadRequestException.class);
        }
        assertThatThrownBy(() -> pinpoint.createImportJob(b -> b.applicationId(app).importJobRequest(r -> r
                .s3Url("s3://bucket/x.csv").roleArn(ROLE).format(Format.CSV).segmentId("no-such-segment"))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.createExportJob(b -> b.applicationId(app).exportJobRequest(r -> r
                .s3UrlPrefix("s3://bucket/out/").roleArn(ROLE).segmentId(dimensional).segmentVersion(9))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.getImportJob(b -> b.applicationId(app).jobId("nope")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.getImportJobs(b -> b.applicationId("no-such-app")))
                .isInstanceOf(NotFoundException.class);
        assertThat(pinpoint.getImportJobs(b -> b.applicationId(app)).importJobsResponse().item()).isEmpty();
        assertThat(pinpoint.getExportJobs(b -> b.applicationId(app)).exportJobsResponse().item()).isEmpty();
    }
}
