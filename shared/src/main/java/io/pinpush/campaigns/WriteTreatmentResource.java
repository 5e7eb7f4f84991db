package io.pinpush.campaigns;

import io.pinpush.customdelivery.CustomDeliveryConfiguration;
import io.pinpush.messaging.TemplateConfiguration;

/** Pinpoint's WriteTreatmentResource: one additional treatment (A/B variant) of a campaign, as written. */
public record WriteTreatmentResource(CustomDeliveryConfiguration customDeliveryConfiguration,
                                     MessageConfiguration messageConfiguration, Schedule schedule,
                                     Integer sizePercent, TemplateConfiguration templateConfiguration,
                                     String treatmentDescription, String treatmentName) {
}
