package io.pinpush.limits;

import io.pinpush.campaigns.run.RunAdmission;
import io.pinpush.campaigns.run.RunContext;
import io.pinpush.endpoints.EndpointResponse;

/**
 * Daily and Total per endpoint for scheduled runs: the runner asks before it queues a run's message to an endpoint,
 * and the same {@link EndpointCaps} the trigger path uses answers, with the run's activity as the claim. A retried
 * work item asking again for the same run and endpoint is admitted without counting twice.
 */
public final class CampaignCapsAdmission implements RunAdmission {

    private final EndpointCaps caps;

    public CampaignCapsAdmission(EndpointCaps caps) {
        this.caps = caps;
    }

    @Override
    public boolean admit(RunContext run, EndpointResponse endpoint) {
        return caps.admitRun(run.appId(), run.campaignId(), endpoint.id(), run.activityId(), run.limits(),
                run.campaignEnd());
    }
}
