package io.pinpush.campaigns;

import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;
import software.amazon.awssdk.services.pinpoint.PinpointClient;
import software.amazon.awssdk.services.pinpoint.model.Action;
import software.amazon.awssdk.services.pinpoint.model.CampaignResponse;
import software.amazon.awssdk.services.pinpoint.model.DimensionType;
import software.amazon.awssdk.services.pinpoint.model.WriteCampaignRequest;

/** Steps the campaign tests share: an app with an enabled GCM channel and a segment, and a valid campaign. */
final class CampaignCalls {

    private CampaignCalls() {
    }

    /** An app whose only enabled channel is GCM (the recipe's legacy server key), with one segment. */
    record App(String id, String segmentId) {
    }

    static App newApp(PinpointClient pinpoint) {
        String app = pinpoint.createApp(b -> b.createApplicationRequest(r -> r.name("campaigns-test")))
                .applicationResponse().id();
        pinpoint.updateGcmChannel(b -> b.applicationId(app).gcmChannelRequest(r -> r.enabled(true)
                .apiKey("YOUR_FCM_SERVER_KEY")));
        String segment = pinpoint.createSegment(b -> b.applicationId(app).writeSegmentRequest(r -> r.name("android")
                .dimensions(d -> d.demographic(g -> g.platform(p -> p.dimensionType(DimensionType.INCLUSIVE)
                        .values("Android")))))).segmentResponse().id();
        return new App(app, segment);
    }

    /** A campaign Pinpush accepts: a GCM message, starting in an hour. */
    static WriteCampaignRequest.Builder valid(App app) {
        return WriteCampaignRequest.builder().name("flash-sale-" + UUID.randomUUID().toString().substring(0, 8))
                .segmentId(app.segmentId())
                .messageConfiguration(m -> m.gcmMessage(g -> g.action(Action.OPEN_APP).title("Sale").body("50% off")))
                .schedule(s -> s.startTime(inHours(1)).frequency("ONCE"));
    }

    static CampaignResponse create(PinpointClient pinpoint, App app, WriteCampaignRequest request) {
        return pinpoint.createCampaign(b -> b.applicationId(app.id()).writeCampaignRequest(request))
                .campaignResponse();
    }

    static String inHours(long hours) {
        return Instant.now().plus(hours, ChronoUnit.HOURS).truncatedTo(ChronoUnit.SECONDS).toString();
    }
}
