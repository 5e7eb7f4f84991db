package io.pinpush.jobs;

import io.pinpush.api.ApiError;
import io.pinpush.segments.WriteSegmentRequest;

/**
 * CreateImportJob's payload ({@code ImportJobRequest}) and the job's {@code Definition} ({@code ImportJobResource}):
 * the model gives both the same members. Checks what needs no lookup; the service checks the rest.
 */
public record ImportJobResource(Boolean defineSegment, String externalId, Format format, Boolean registerEndpoints,
                                String roleArn, String s3Url, String segmentId, String segmentName) {

    public ImportJobResource {
        if (format == null) {
            throw ApiError.badRequest("Format is required: CSV or JSON");
        }
        if (roleArn == null || roleArn.isBlank()) {
            throw ApiError.badRequest("RoleArn is required: the IAM role Pinpush assumes to read the S3 objects");
        }
        ObjectLocation.parse("S3Url", s3Url);
        if (segmentName != null && segmentName.length() > WriteSegmentRequest.MAX_NAME_LENGTH) {
            throw ApiError.badRequest("SegmentName must be at most " + WriteSegmentRequest.MAX_NAME_LENGTH + " characters");
        }
    }

    boolean definesSegment() {
        return Boolean.TRUE.equals(defineSegment);
    }

    /** Endpoints are written unless RegisterEndpoints is explicitly false. */
    boolean registers() {
        return !Boolean.FALSE.equals(registerEndpoints);
    }

    ImportJobResource withSegmentId(String id) {
        return new ImportJobResource(defineSegment, externalId, format, registerEndpoints, roleArn, s3Url, id, segmentName);
    }
}
