package io.pinpush.segments;

import static io.pinpush.segments.SegmentCalls.newApp;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.pinpush.local.LocalServer;
import io.pinpush.testing.PinpushExtension;
import io.pinpush.testing.RawHttp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.AttributeType;
import software.amazon.awssdk.services.pinpoint.model.BadRequestException;
import software.amazon.awssdk.services.pinpoint.model.DimensionType;
import software.amazon.awssdk.services.pinpoint.model.NotFoundException;
import software.amazon.awssdk.services.pinpoint.model.SegmentResponse;
import software.amazon.awssdk.services.pinpoint.model.SegmentType;
import software.amazon.awssdk.services.pinpoint.model.SegmentsResponse;
import software.amazon.awssdk.services.pinpoint.model.WriteSegmentRequest;

/** Segment CRUD and versions through the real AWS SDK PinpointClient. */
@ExtendWith(PinpushExtension.class)
class SegmentApiTest {

    private static SegmentResponse create(PinpointClient pinpoint, String app, String name) {
        return pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name(name)
                .dimensions(d -> d.demographic(g -> g.platform(p -> p.dimensionType(DimensionType.INCLUSIVE).values("iOS"))))
                .tags(Map.of("team", "growth")))).segmentResponse();
    }

    @Test
    void createdSegmentIsReturnedWithPinpointsMembersAndReadBack(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        SegmentResponse created = create(pinpoint, app, "ios-users");

        assertThat(created.id()).matches("[0-9a-f]{32}");
        assertThat(created.applicationId()).isEqualTo(app);
        assertThat(created.arn()).isEqualTo("arn:aws:mobiletargeting:us-east-1:000000000000:apps/" + app
                + "/segments/" + created.id());
        assertThat(created.segmentType()).isEqualTo(SegmentType.DIMENSIONAL);
        assertThat(created.version()).isEqualTo(1);
        assertThat(created.name()).isEqualTo("ios-users");
        assertThat(created.tags()).isEqualTo(Map.of("team", "growth"));
        assertThat(created.creationDate()).isNotBlank();
        assertThat(created.lastModifiedDate()).isEqualTo(created.creationDate());
        assertThat(created.dimensions().demographic().platform().values()).containsExactly("iOS");

        SegmentResponse read = pinpoint.getSegment(b -> b.applicationId(app).segmentId(created.id())).segmentResponse();
        assertThat(read).isEqualTo(created);
    }

    @Test
    void everyUpdateIsANewVersionAndOldVersionsStayReadable(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        SegmentResponse v1 = create(pinpoint, app, "first");

        SegmentResponse v2 = pinpoint.updateSegment(b -> b.applicationId(app).segmentId(v1.id())
                .writeSegmentRequest(r -> r.name("second"))).segmentResponse();
        SegmentResponse v3 = pinpoint.updateSegment(b -> b.applicationId(app).segmentId(v1.id())
                .writeSegmentRequest(r -> r.dimensions(d -> d.location(l -> l.country(c -> c.values("DE")))))).segmentResponse();

        assertThat(v2.version()).isEqualTo(2);
        assertThat(v2.name()).isEqualTo("second");
        assertThat(v2.dimensions()).as("absent members keep their value").isEqualTo(v1.dimensions());
        assertThat(v2.creationDate()).isEqualTo(v1.creationDate());
        assertThat(v3.version()).isEqualTo(3);
        assertThat(v3.name()).isEqualTo("second");
        assertThat(v3.dimensions().location().country().values()).containsExactly("DE");
        assertThat(v3.dimensions().demographic()).as("Dimensions are replaced as a whole").isNull();

        assertThat(pinpoint.getSegment(b -> b.applicationId(app).segmentId(v1.id())).segmentResponse()).isEqualTo(v3);
        assertThat(pinpoint.getSegmentVersion(b -> b.applicationId(app).segmentId(v1.id()).version("1"))
                .segmentResponse()).isEqualTo(v1);
        assertThat(pinpoint.getSegmentVersion(b -> b.applicationId(app).segmentId(v1.id()).version("2"))
                .segmentResponse()).isEqualTo(v2);
        assertThat(pinpoint.getSegmentVersions(b -> b.applicationId(app).segmentId(v1.id())).segmentsResponse().item())
                .extracting(SegmentResponse::version).containsExactly(1, 2, 3);
    }

    @Test
    void segmentsAndVersionsArePaged(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 5; i++) ids.add(create(pinpoint, app, "s" + i).id());
        String versioned = ids.iterator().next();
        for (int i = 0; i < 4; i++) {
            pinpoint.updateSegment(b -> b.applicationId(app).segmentId(versioned).writeSegmentRequest(r -> r.name("again")));
        }

        List<String> listed = new ArrayList<>();
        String token = null;
        int pages = 0;
        do {
            String t = token;
            SegmentsResponse page = pinpoint.getSegments(b -> b.applicationId(app).pageSize("2").token(t)).segmentsResponse();
            page.item().forEach(s -> listed.add(s.id()));
            token = page.nextToken();
            pages++;
        } while (token != null);
        assertThat(listed).containsExactlyInAnyOrderElementsOf(ids);
        assertThat(pages).isGreaterThanOrEqualTo(3);

        List<Integer> versions = new ArrayList<>();
        token = null;
        do {
            String t = token;
            SegmentsResponse page = pinpoint.getSegmentVersions(b -> b.applicationId(app).segmentId(versioned)
                    .pageSize("2").token(t)).segmentsResponse();
            page.item().forEach(s -> versions.add(s.version()));
            token = page.nextToken();
        } while (token != null);
        assertThat(versions).containsExactly(1, 2, 3, 4, 5);
    }

    @Test
    void deletedSegmentIsGoneWithItsVersions(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        SegmentResponse v1 = create(pinpoint, app, "doomed");
        pinpoint.updateSegment(b -> b.applicationId(app).segmentId(v1.id()).writeSegmentRequest(r -> r.name("v2")));

        SegmentResponse deleted = pinpoint.deleteSegment(b -> b.applicationId(app).segmentId(v1.id())).segmentResponse();

        assertThat(deleted.version()).isEqualTo(2);
        assertThatThrownBy(() -> pinpoint.getSegment(b -> b.applicationId(app).segmentId(v1.id())))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.getSegmentVersion(b -> b.applicationId(app).segmentId(v1.id()).version("1")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.deleteSegment(b -> b.applicationId(app).segmentId(v1.id())))
                .isInstanceOf(NotFoundException.class);
        assertThat(pinpoint.getSegments(b -> b.applicationId(app)).segmentsResponse().item()).isEmpty();
    }

    @Test
    void unknownAppSegmentOrVersionIsNotFound(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        SegmentResponse segment = create(pinpoint, app, "known");
        assertThatThrownBy(() -> pinpoint.getSegments(b -> b.applicationId("0".repeat(32))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.createSegment(b -> b.applicationId("0".repeat(32))
                .writeSegmentRequest(r -> r.name("x")))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.getSegment(b -> b.applicationId(app).segmentId("f".repeat(32))))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.updateSegment(b -> b.applicationId(app).segmentId("f".repeat(32))
                .writeSegmentRequest(r -> r.name("x")))).isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.getSegmentVersion(b -> b.applicationId(app).segmentId(segment.id()).version("2")))
                .isInstanceOf(NotFoundException.class);
        assertThatThrownBy(() -> pinpoint.getSegmentVersions(b -> b.applicationId(app).segmentId("f".repeat(32))))
                .isInstanceOf(NotFoundException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "{\"Name\": \"x\", \"Dimensions\": {\"Demographic\": {\"Platform\": {\"DimensionType\": \"SOMETIMES\", \"Values\": [\"iOS\"]}}}}",
            "{\"Name\": \"x\", \"Dimensions\": {\"Attributes\": {\"d\": {\"AttributeType\": \"BETWEEN\", \"Values\": [\"2026-01-01T00:00:00Z\"]}}}}",
            "{\"Name\": \"x\", \"Dimensions\": {\"Location\": {\"GPSPoint\": {\"RangeInKilometers\": 10}}}}",
            "{\"Name\": \"x\", \"Dimensions\": {\"Behavior\": {\"Recency\": {\"Duration\": \"DAY_9\", \"RecencyType\": \"ACTIVE\"}}}}",
            "{\"Name\": \"x\", \"Dimensions\": {\"Metrics\": {\"m\": {\"ComparisonOperator\": \"NEAR\", \"Value\": 1}}}}",
            "{\"Name\": \"x\", \"SegmentGroups\": {\"Include\": \"MOST\", \"Groups\": []}}",
            "{\"Name\": \"x\", \"SegmentGroups\": {\"Groups\": [{\"SourceSegments\": [{\"Id\": \"ffffffffffffffffffffffffffffffff\"}]}]}}",
    })
    void invalidDefinitionIsABadRequestAndNothingIsWritten(String body, PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        SegmentResponse existing = create(pinpoint, app, "existing");

        assertThat(RawHttp.send(server.endpoint(), "POST", "/v1/apps/" + app + "/segments", body).statusCode())
                .isEqualTo(400);
        assertThat(RawHttp.send(server.endpoint(), "PUT", "/v1/apps/" + app + "/segments/" + existing.id(), body)
                .statusCode()).isEqualTo(400);

        assertThat(pinpoint.getSegments(b -> b.applicationId(app)).segmentsResponse().item())
                .extracting(SegmentResponse::id).containsExactly(existing.id());
        assertThat(pinpoint.getSegmentVersions(b -> b.applicationId(app).segmentId(existing.id())).segmentsResponse().item())
                .hasSize(1);
    }

    @Test
    void sdkValidationErrorsSurfaceAsBadRequestException(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        assertThatThrownBy(() -> pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("x")
                .dimensions(d -> d.userAttributes(Map.of("Signup", software.amazon.awssdk.services.pinpoint.model
                        .AttributeDimension.builder().attributeType(AttributeType.BEFORE).values("not a date").build()))))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("ISO-8601");
    }

    @Test
    void aSegmentHasDimensionsOrSegmentGroupsNeverBoth(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        SegmentResponse base = create(pinpoint, app, "base");
        assertThat(base.dimensions()).isNotNull();

        assertThatThrownBy(() -> pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("both")
                .dimensions(d -> d.demographic(g -> g.platform(p -> p.values("iOS"))))
                .segmentGroups(g -> g.groups(gr -> gr.sourceSegments(s -> s.id(base.id())))))))
                .isInstanceOf(BadRequestException.class).hasMessageContaining("not both");

        // An update that gives one replaces the other: the segment is not narrowed by both.
        SegmentResponse other = create(pinpoint, app, "other");
        SegmentResponse grouped = pinpoint.updateSegment(b -> b.applicationId(app).segmentId(base.id())
                .writeSegmentRequest(r -> r.segmentGroups(g -> g.groups(gr -> gr.sourceSegments(s -> s.id(other.id()))))))
                .segmentResponse();
        assertThat(grouped.dimensions()).isNull();
        assertThat(grouped.segmentGroups().groups()).hasSize(1);
        SegmentResponse renamed = pinpoint.updateSegment(b -> b.applicationId(app).segmentId(base.id())
                .writeSegmentRequest(r -> r.name("renamed"))).segmentResponse();
        assertThat(renamed.segmentGroups()).isEqualTo(grouped.segmentGroups());
        assertThat(renamed.dimensions()).isNull();
    }

    @Test
    void sourceSegmentsMustExistAndMayNotFormACycle(PinpointClient pinpoint) {
        String app = newApp(pinpoint);
        SegmentResponse base = create(pinpoint, app, "base");
        SegmentResponse derived = pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("derived")
                .segmentGroups(g -> g.groups(gr -> gr.sourceSegments(s -> s.id(base.id())))))).segmentResponse();
        assertThat(derived.segmentGroups().groups().get(0).sourceSegments().get(0).id()).isEqualTo(base.id());

        WriteSegmentRequest loop = WriteSegmentRequest.builder().segmentGroups(g -> g.groups(gr -> gr.sourceSegments(
                s -> s.id(derived.id())))).build();
        assertThatThrownBy(() -> pinpoint.updateSegment(b -> b.applicationId(app).segmentId(base.id())
                .writeSegmentRequest(loop))).isInstanceOf(BadRequestException.class).hasMessageContaining("cycle");
        assertThat(pinpoint.getSegment(b -> b.applicationId(app).segmentId(base.id())).segmentResponse().version())
                .isEqualTo(1);
        assertThatThrownBy(() -> pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("bad")
                .segmentGroups(g -> g.groups(gr -> gr.sourceSegments(s -> s.id(base.id()).version(7)))))))
                .isInstanceOf(BadRequestException.class);
    }

    @Test
    void deletingTheAppDeletesItsSegments(PinpointClient pinpoint, LocalServer server) {
        String app = newApp(pinpoint);
        create(pinpoint, app, "one");
        create(pinpoint, app, "two");

        pinpoint.deleteApp(b -> b.applicationId(app));

        var dynamo = server.pinpush().aws().dynamoDb();
        String table = server.pinpush().config().tableName(io.pinpush.store.Tables.SEGMENTS.logicalName());
        assertThat(dynamo.query(b -> b.tableName(table).keyConditionExpression("pk = :a")
                .expressionAttributeValues(Map.of(":a", software.amazon.awssdk.services.dynamodb.model.AttributeValue
                        .fromS(app)))).count()).isZero();
    }
}
