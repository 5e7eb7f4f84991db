package io.pinpush.campaigns;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pinpush.api.Tags;
import io.pinpush.apps.CampaignHook;
import io.pinpush.apps.CampaignLimits;
import io.pinpush.customdelivery.CustomDeliveryConfiguration;
import io.pinpush.messaging.TemplateConfiguration;
import java.util.List;
import java.util.Map;

/**
 * The payload of CreateCampaign and UpdateCampaign. Members are checked against each other and against the app
 * (segment, channels) by {@link CampaignValidator}, before anything is written.
 */
public record WriteCampaignRequest(List<WriteTreatmentResource> additionalTreatments,
                                   CustomDeliveryConfiguration customDeliveryConfiguration, String description,
                                   Integer holdoutPercent, CampaignHook hook, Boolean isPaused, CampaignLimits limits,
                                   MessageConfiguration messageConfiguration, String name, Schedule schedule,
                                   String segmentId, Integer segmentVersion,
                                   @JsonProperty("tags") Map<String, String> tags,
                                   TemplateConfiguration templateConfiguration, String treatmentDescription,
                                   String treatmentName, Integer priority) {

    public WriteCampaignRequest {
        tags = Tags.validated(tags);
        additionalTreatments = additionalTreatments == null ? null : List.copyOf(additionalTreatments);
    }
}
