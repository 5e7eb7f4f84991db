package io.pinpush.campaigns;

import java.util.List;

/** One page of GetCampaignActivities. */
public record ActivitiesResponse(List<ActivityResponse> item, String nextToken) {
}
