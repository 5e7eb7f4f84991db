package io.pinpush.apps;

import java.util.List;

/** One page of GetApps. */
public record ApplicationsResponse(List<ApplicationResponse> item, String nextToken) {
}
