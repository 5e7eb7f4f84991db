package io.pinpush.hooks;

import java.util.Objects;

/**
 * The campaign run a hook call belongs to: the members of Pinpoint's hook event besides the endpoints.
 *
 * @param scheduledTime        ISO-8601, when the campaign's messages are (were) to be delivered
 * @param messageConfiguration the campaign's MessageConfiguration, passed through as the campaign side holds it
 */
public record HookBatch(String applicationId, String campaignId, String treatmentId, String activityId,
                        String scheduledTime, Object messageConfiguration) {

    public HookBatch {
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(campaignId, "campaignId");
    }
}
