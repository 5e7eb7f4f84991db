package io.pinpush.campaigns;

import static org.assertj.core.api.Assertions.assertThat;

import io.pinpush.api.Json;
import io.pinpush.local.LocalServer;
import software.amazon.awssdk.services.pinpoint.PinpointClient;

/** A campaign written straight to the store (no segment or message needed) in a new app, for store-level tests. */
final class StoredCampaign {

    private StoredCampaign() {
    }

    static CampaignResponse create(LocalServer server, PinpointClient pinpoint, String campaignId, CampaignStatus status) {
        String appId = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("stored-campaign")))
                .applicationResponse().id();
        CampaignResponse campaign = Json.read("""
                {"ApplicationId": "%s", "Id": "%s", "Name": "stored", "Version": 1,
                 "State": {"CampaignStatus": "%s"}}""".formatted(appId, campaignId, status), CampaignResponse.class);
        assertThat(store(server).campaigns().create(campaign)).isTrue();
        return campaign;
    }

    static CampaignStore store(LocalServer server) {
        return (CampaignStore) server.pinpush().campaignVersions();
    }
}
