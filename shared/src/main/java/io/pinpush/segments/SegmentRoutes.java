package io.pinpush.segments;

import io.pinpush.api.ApiRequest;
import io.pinpush.api.Route;
import io.pinpush.api.VersionNumbers;
import io.pinpush.store.Page;
import java.util.List;

/** The segment operations of the Pinpoint API, plus the GetSegmentSize extension. */
public final class SegmentRoutes {

    private static final String PATH = "/v1/apps/{application-id}/segments";
    private static final String SEGMENT = PATH + "/{segment-id}";

    private SegmentRoutes() {
    }

    public static List<Route> routes(SegmentService segments, SegmentAudience audience) {
        return List.of(
                Route.of("CreateSegment", "POST", PATH, 201,
                        req -> segments.create(app(req), req.body(WriteSegmentRequest.class))),
                Route.of("GetSegments", "GET", PATH, 200,
                        req -> page(segments.list(app(req), req.page()))),
                Route.of("GetSegment", "GET", SEGMENT, 200,
                        req -> segments.require(app(req), segment(req), null)),
                Route.of("UpdateSegment", "PUT", SEGMENT, 200,
                        req -> segments.update(app(req), segment(req), req.body(WriteSegmentRequest.class))),
                Route.of("DeleteSegment", "DELETE", SEGMENT, 200,
                        req -> segments.delete(app(req), segment(req))),
                Route.of("GetSegmentVersions", "GET", SEGMENT + "/versions", 200,
                        req -> page(segments.versions(app(req), segment(req), req.page()))),
                Route.of("GetSegmentVersion", "GET", SEGMENT + "/versions/{version}", 200,
                        req -> segments.require(app(req), segment(req),
                                VersionNumbers.parse(req.pathParam("version")))),
                Route.of("GetSegmentSize", "GET", SEGMENT + "/size", 200, req -> {
                    Integer version = req.queryParam("version").map(VersionNumbers::parse).orElse(null);
                    SegmentResponse segment = segments.require(app(req), segment(req), version);
                    return new SegmentSize.Response(SegmentSize.of(segment, audience.forEachMember(segment, e -> { })));
                }));
    }

    private static SegmentsResponse page(Page<SegmentResponse> page) {
        return new SegmentsResponse(page.items(), page.nextToken());
    }

    private static String app(ApiRequest req) {
        return req.pathParam("application-id");
    }

    private static String segment(ApiRequest req) {
        return req.pathParam("segment-id");
    }
}
