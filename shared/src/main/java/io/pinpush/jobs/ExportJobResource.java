package io.pinpush.jobs;

import io.pinpush.api.ApiError;

/** CreateExportJob's payload ({@code ExportJobRequest}) and the job's {@code Definition} ({@code ExportJobResource}). */
public record ExportJobResource(String roleArn, String s3UrlPrefix, String segmentId, Integer segmentVersion) {

    public ExportJobResource {
        if (roleArn == null || roleArn.isBlank()) {
            throw ApiError.badRequest("RoleArn is required: the IAM role Pinpush assumes to write the S3 objects");
        }
        ObjectLocation.parse("S3UrlPrefix", s3UrlPrefix);
        if (segmentVersion != null && segmentId == null) {
            throw ApiError.badRequest("SegmentVersion needs a SegmentId");
        }
        if (segmentVersion != null && segmentVersion < 1) {
            throw ApiError.badRequest("SegmentVersion must be 1 or more, got " + segmentVersion);
        }
    }
}
