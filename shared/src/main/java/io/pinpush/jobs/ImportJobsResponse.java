package io.pinpush.jobs;

import java.util.List;

public record ImportJobsResponse(List<JobResponse<ImportJobResource>> item, String nextToken) {
}
