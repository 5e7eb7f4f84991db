package io.pinpush.segments;

import io.pinpush.api.ApiError;
import io.pinpush.api.Arns;
import io.pinpush.api.Ids;
import io.pinpush.api.PageRequest;
import io.pinpush.api.Timestamps;
import io.pinpush.apps.AppScopedData;
import io.pinpush.apps.AppService;
import io.pinpush.config.PinpushConfig;
import io.pinpush.store.Page;
import io.pinpush.store.Tables;
import io.pinpush.store.VersionedDocuments;
import io.pinpush.tags.TaggableResource;
import java.time.Clock;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import io.pinpush.endpoints.EndpointResponse;

/**
 * Segments and their versions. Every write is a new immutable version; the head names the latest. A definition
 * is compiled (base segments resolved, cycles refused) before anything is written, so an invalid segment is a 400
 * with nothing stored.
 */
public final class SegmentService implements AppScopedData {

    static final int MAX_WRITE_ATTEMPTS = 20;

    private final VersionedDocuments<SegmentResponse> store;
    private final AppService apps;
    private final SegmentEvaluator evaluator;
    private final Arns arns;
    private final Clock clock;

    public SegmentService(VersionedDocuments<SegmentResponse> store, AppService apps, SegmentEvaluator evaluator, Arns arns, Clock clock) {
        this.store = store;
        this.apps = apps;
        this.evaluator = evaluator;
        this.arns = arns;
        this.clock = clock;
    }

    /** Segments as the {@code segments} table keeps them ({@link Tables#SEGMENTS}): heads {@code segment#<id>}, and versions. */
    public static VersionedDocuments<SegmentResponse> storedIn(DynamoDbClient dynamoDb, PinpushConfig config) {
        return new VersionedDocuments<>(dynamoDb, config.tableName(Tables.SEGMENTS.logicalName()), "segment#",
                SegmentResponse.class, segment -> Map.of());
    }

    // ---- The service API other packages build on --------------------------------------------------------------

    /** The segment at {@code version}, or its latest when null; NotFoundException for an unknown app, segment or version. */
    public SegmentResponse require(String appId, String segmentId, Integer version) {
        apps.require(appId);
        return find(appId, segmentId, version).orElseThrow(() -> version == null
                || store.head(appId, segmentId).isEmpty()
                ? notFound(appId, segmentId)
                : ApiError.notFound("Version " + version + " of segment " + segmentId + " not found"));
    }

    /**
     * The segment at {@code version}, or its latest when null; empty when the segment (or that version) was deleted,
     * which a campaign or job that names it must survive. The app is not read: callers that need it have it already.
     */
    public Optional<SegmentResponse> find(String appId, String segmentId, Integer version) {
        return store.find(appId, segmentId, version);
    }

    /** The segment as a predicate over endpoints, base segments resolved as they are now. */
    public Predicate<EndpointResponse> membership(SegmentResponse segment) {
        return evaluator.compile(segment, reference -> find(segment.applicationId(), reference));
    }

    /** The members of IMPORT segment versions. */
    public ImportedMembers importedMembers() {
        return evaluator.imported();
    }

    /**
     * Writes an IMPORT segment version for a finished import job: a new segment ({@code existing} false) with the
     * id the job reserved, or the next version of an IMPORT segment. Returns the version written.
     */
    public SegmentResponse writeImported(String appId, String segmentId, boolean existing, String name,
                                         SegmentImportResource definition) {
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            String now = Timestamps.now(clock);
            if (!existing) {
                SegmentResponse first = new SegmentResponse(appId, arns.appChild(appId, "segments", segmentId), now,
                        null, segmentId, now, name, null, SegmentType.IMPORT, null, 1, definition);
                if (store.create(first)) return first;
                existing = true;
                continue;
            }
            SegmentResponse latest = require(appId, segmentId, null);
            SegmentResponse next = new SegmentResponse(appId, latest.arn(), latest.creationDate(), null, segmentId, now,
                    name != null ? name : latest.name(), null, SegmentType.IMPORT, latest.tags(),
                    latest.version() + 1, definition);
            if (store.addVersion(latest, next)) return next;
        }
        throw ApiError.tooManyRequests("Segment " + segmentId + " is being updated by many requests at once; retry");
    }

    // ---- Operations behind the API routes ---------------------------------------------------------------------

    SegmentResponse create(String appId, WriteSegmentRequest request) {
        apps.require(appId);
        String now = Timestamps.now(clock);
        String id = Ids.newId();
        SegmentResponse segment = new SegmentResponse(appId, arns.appChild(appId, "segments", id), now,
                request.dimensions(), id, now, request.name(), request.segmentGroups(), SegmentType.DIMENSIONAL,
                request.tags(), 1);
        membership(segment);
        if (!store.create(segment)) {
            throw ApiError.conflict("Segment " + id + " already exists");
        }
        return segment;
    }

    /**
     * A new version: members present in the request replace the stored ones, absent members are kept. Dimensions
     * and SegmentGroups are one criterion: either given replaces both (a segment never has the two). Tags are not
     * processed, as Pinpoint stopped processing them in updates (the model's note of 2023); TagResource changes them.
     */
    SegmentResponse update(String appId, String segmentId, WriteSegmentRequest request) {
        for (int attempt = 0; attempt < MAX_WRITE_ATTEMPTS; attempt++) {
            SegmentResponse latest = require(appId, segmentId, null);
            if (latest.segmentType() != SegmentType.DIMENSIONAL) {
                throw ApiError.badRequest("Segment " + segmentId + " is an imported segment and cannot be updated");
            }
            boolean newCriteria = request.dimensions() != null || request.segmentGroups() != null;
            SegmentResponse next = new SegmentResponse(appId, latest.arn(), latest.creationDate(),
                    newCriteria ? request.dimensions() : latest.dimensions(), segmentId,
                    Timestamps.now(clock), request.name() != null ? request.name() : latest.name(),
                    newCriteria ? request.segmentGroups() : latest.segmentGroups(),
                    latest.segmentType(), latest.tags(), latest.version() + 1);
            membership(next);
            if (store.addVersion(latest, next)) {
                return next;
            }
        }
        throw ApiError.tooManyRequests("Segment " + segmentId + " is being updated by many requests at once; retry");
    }

    Page<SegmentResponse> list(String appId, PageRequest page) {
        apps.require(appId);
        return store.heads(appId, page);
    }

    Page<SegmentResponse> versions(String appId, String segmentId, PageRequest page) {
        require(appId, segmentId, null);
        return store.versions(appId, segmentId, page);
    }

    SegmentResponse delete(String appId, String segmentId) {
        apps.require(appId);
        return store.delete(appId, segmentId).orElseThrow(() -> notFound(appId, segmentId));
    }

    /** Segment tags as a {@link TaggableResource}: TagResource and its kin on {@code apps/{id}/segments/{id}} ARNs. */
    public TaggableResource tags() {
        return TaggableResource.stored(arn -> store.head(arn.appId(), arn.id()), SegmentResponse::tags,
                SegmentResponse::withTags, store::retag);
    }

    @Override
    public void deleteAllOf(String appId) {
        store.deleteAll(appId);
    }

    private Optional<SegmentResponse> find(String appId, SegmentReference reference) {
        return store.find(appId, reference.id(), reference.version());
    }

    private static ApiError notFound(String appId, String segmentId) {
        return ApiError.notFound("Segment " + segmentId + " not found in application " + appId);
    }
}
