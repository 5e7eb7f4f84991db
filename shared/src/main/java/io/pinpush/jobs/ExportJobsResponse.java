package io.pinpush.jobs;

import java.util.List;

public record ExportJobsResponse(List<JobResponse<ExportJobResource>> item, String nextToken) {
}
