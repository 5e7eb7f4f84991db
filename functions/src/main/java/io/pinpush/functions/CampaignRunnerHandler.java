package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.pinpush.Pinpush;
import io.pinpush.campaigns.run.CampaignRuns;
import io.pinpush.functions.priming.Priming;
import java.util.ArrayList;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The campaign runner: the campaign work queue's event source hands it work items (one endpoint shard of a run's
 * slice, or a local-time run's plan). A work item that fails is reported as a batch item failure and comes back
 * (ReportBatchItemFailures must be on); one that keeps failing goes to the dead-letter queue. Processing an item
 * again never sends twice: the per-endpoint claims refuse it.
 */
public final class CampaignRunnerHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(CampaignRunnerHandler.class);

    private final CampaignRuns runs;
    private final Runnable flush;
    /** Held so the CRaC runtime, which keeps resources weakly, still has the hooks at snapshot time. */
    private final Priming priming;

    /** Lambda's constructor: wires the real dependencies once per container and registers SnapStart priming. */
    public CampaignRunnerHandler() {
        this(Pinpush.fromEnvironment(), true);
    }

    public CampaignRunnerHandler(Pinpush pinpush) {
        this(pinpush, false);
    }

    private CampaignRunnerHandler(Pinpush pinpush, boolean snapStart) {
        this.runs = pinpush.campaignRuns();
        this.flush = pinpush::flushAfterInvocation;
        this.priming = snapStart ? CampaignTickHandler.priming(pinpush) : null;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        try {
            for (SQSEvent.SQSMessage message : event.getRecords() == null ? List.<SQSEvent.SQSMessage>of() : event.getRecords()) {
                try {
                    runs.process(message.getBody()).ifPresent(report ->
                            LOG.info("Work item {}: {}", message.getMessageId(), report));
                } catch (RuntimeException e) {
                    LOG.error("Work item {} failed; it will be retried", message.getMessageId(), e);
                    failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
                }
            }
            return new SQSBatchResponse(failures);
        } finally {
            flush.run();
        }
    }
}
