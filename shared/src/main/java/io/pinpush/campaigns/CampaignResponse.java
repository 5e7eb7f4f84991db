package io.pinpush.campaigns;

import com.fasterxml.jackson.annotation.JsonProperty;
import io.pinpush.apps.CampaignHook;
import io.pinpush.apps.CampaignLimits;
import io.pinpush.customdelivery.CustomDeliveryConfiguration;
import io.pinpush.messaging.TemplateConfiguration;
import io.pinpush.store.VersionedDocuments;
import java.util.List;
import java.util.Map;

/**
 * A campaign version as Pinpoint returns it, and as the campaigns table stores it (head and versions alike).
 *
 * @param state        the campaign's status (SCHEDULED, EXECUTING, ...)
 * @param defaultState the status of the default treatment; Pinpush keeps it equal to {@code state}
 * @param version      1 for the created campaign, one more for each UpdateCampaign
 */
public record CampaignResponse(List<TreatmentResource> additionalTreatments, String applicationId, String arn,
                               String creationDate, CustomDeliveryConfiguration customDeliveryConfiguration,
                               CampaignState defaultState, String description, Integer holdoutPercent,
                               CampaignHook hook, String id, Boolean isPaused, String lastModifiedDate,
                               CampaignLimits limits, MessageConfiguration messageConfiguration, String name,
                               Schedule schedule, String segmentId, Integer segmentVersion, CampaignState state,
                               @JsonProperty("tags") Map<String, String> tags,
                               TemplateConfiguration templateConfiguration, String treatmentDescription,
                               String treatmentName, Integer version, Integer priority)
        implements VersionedDocuments.Document {

    /** The id of a campaign's default treatment in activities and events (additional treatments are "1", "2", ...). */
    public static final String DEFAULT_TREATMENT_ID = "0";

    public CampaignStatus status() {
        return state == null ? null : state.campaignStatus();
    }

    /** The same version in another status: the campaign's, its default treatment's and every treatment's. */
    public CampaignResponse withStatus(CampaignStatus status, String modified) {
        CampaignState newState = CampaignState.of(status);
        List<TreatmentResource> treatments = additionalTreatments == null ? null
                : additionalTreatments.stream().map(t -> t.withState(newState)).toList();
        return new CampaignResponse(treatments, applicationId, arn, creationDate, customDeliveryConfiguration,
                newState, description, holdoutPercent, hook, id, isPaused, modified, limits, messageConfiguration,
                name, schedule, segmentId, segmentVersion, newState, tags, templateConfiguration,
                treatmentDescription, treatmentName, version, priority);
    }

    CampaignResponse withTags(Map<String, String> newTags) {
        return new CampaignResponse(additionalTreatments, applicationId, arn, creationDate,
                customDeliveryConfiguration, defaultState, description, holdoutPercent, hook, id, isPaused,
                lastModifiedDate, limits, messageConfiguration, name, schedule, segmentId, segmentVersion, state,
                newTags, templateConfiguration, treatmentDescription, treatmentName, version, priority);
    }
}
