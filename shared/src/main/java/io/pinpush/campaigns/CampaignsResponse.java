package io.pinpush.campaigns;

import java.util.List;

/** One page of GetCampaigns or GetCampaignVersions. */
public record CampaignsResponse(List<CampaignResponse> item, String nextToken) {
}
