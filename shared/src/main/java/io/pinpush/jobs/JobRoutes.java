package io.pinpush.jobs;

import io.pinpush.api.ApiRequest;
import io.pinpush.api.Route;
import java.util.List;

/** The import and export job operations of the Pinpoint API. */
public final class JobRoutes {

    private static final String JOBS = "/v1/apps/{application-id}/jobs";
    private static final String SEGMENT_JOBS = "/v1/apps/{application-id}/segments/{segment-id}/jobs";

    private JobRoutes() {
    }

    public static List<Route> routes(JobService jobs) {
        return List.of(
                Route.of("CreateImportJob", "POST", JOBS + "/import", 201,
                        req -> jobs.createImport(app(req), req.body(ImportJobResource.class))),
                Route.of("GetImportJob", "GET", JOBS + "/import/{job-id}", 200,
                        req -> jobs.getImport(app(req), req.pathParam("job-id"))),
                Route.of("GetImportJobs", "GET", JOBS + "/import", 200,
                        req -> jobs.listImports(app(req), null, req.page())),
                Route.of("GetSegmentImportJobs", "GET", SEGMENT_JOBS + "/import", 200,
                        req -> jobs.listImports(app(req), req.pathParam("segment-id"), req.page())),
                Route.of("CreateExportJob", "POST", JOBS + "/export", 202,
                        req -> jobs.createExport(app(req), req.body(ExportJobResource.class))),
                Route.of("GetExportJob", "GET", JOBS + "/export/{job-id}", 200,
                        req -> jobs.getExport(app(req), req.pathParam("job-id"))),
                Route.of("GetExportJobs", "GET", JOBS + "/export", 200,
                        req -> jobs.listExports(app(req), null, req.page())),
                Route.of("GetSegmentExportJobs", "GET", SEGMENT_JOBS + "/export", 200,
                        req -> jobs.listExports(app(req), req.pathParam("segment-id"), req.page())));
    }

    private static String app(ApiRequest req) {
        return req.pathParam("application-id");
    }
}
