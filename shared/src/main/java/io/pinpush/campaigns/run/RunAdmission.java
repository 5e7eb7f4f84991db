package io.pinpush.campaigns.run;

import io.pinpush.endpoints.EndpointResponse;

/**
 * Seam for per-endpoint Limits (Daily, Total): asked for each endpoint the runner chose, before it is claimed and
 * sent. Must answer the same for the same run and endpoint when asked again (a retried work item).
 */
@FunctionalInterface
public interface RunAdmission {

    /** No per-endpoint limits: everyone chosen is sent. */
    RunAdmission ALL = (run, endpoint) -> true;

    /** @return false to skip the endpoint in this run (counted as limited) */
    boolean admit(RunContext run, EndpointResponse endpoint);
}
