package io.pinpush.campaigns;

import io.pinpush.customdelivery.CustomDeliveryConfiguration;
import io.pinpush.messaging.TemplateConfiguration;

/**
 * Pinpoint's TreatmentResource: one additional treatment of a campaign version, as stored and returned.
 *
 * @param id the treatment's id, stable across versions: "1" for the first additional treatment, "2" for the
 *           second, ... ("0" is the campaign's default treatment; see {@link CampaignResponse#DEFAULT_TREATMENT_ID})
 */
public record TreatmentResource(CustomDeliveryConfiguration customDeliveryConfiguration, String id,
                                MessageConfiguration messageConfiguration, Schedule schedule, Integer sizePercent,
                                CampaignState state, TemplateConfiguration templateConfiguration,
                                String treatmentDescription, String treatmentName) {

    TreatmentResource withState(CampaignState newState) {
        return new TreatmentResource(customDeliveryConfiguration, id, messageConfiguration, schedule, sizePercent,
                newState, templateConfiguration, treatmentDescription, treatmentName);
    }
}
