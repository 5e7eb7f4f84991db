package io.pinpush.campaigns.run;

import io.pinpush.endpoints.EndpointResponse;
import java.util.List;

/**
 * Seam where a run's chosen endpoints leave the runner: batches of at most {@link #BATCH} endpoints of one
 * treatment, already past the segment, holdout and split, quiet time, admission and the per-endpoint claims. The
 * default ({@link CampaignSends}) renders and queues push deliveries; hooks and custom delivery wrap it.
 *
 * <p>An exception fails the work item, which is retried; the batch's claims are given back first, so the retry
 * sends it.
 */
@FunctionalInterface
public interface RunSink {

    /** Pinpoint's campaign hooks take at most 50 endpoints per call; the runner batches to match. */
    int BATCH = 50;

    void deliver(RunContext run, List<EndpointResponse> batch);
}
