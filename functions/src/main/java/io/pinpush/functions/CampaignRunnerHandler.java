package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import io.pinpush.Pinpush;
import io.pinpush.campaigns.run.CampaignRuns;
import io.pinpush.functions.priming.Priming;
import io.pinpush.messaging.Dispatcher.QueuedMessage;
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
public final class CampaignRunnerHandler implements SqsBatchFunction {

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
    public List<String> handle(List<QueuedMessage> messages, Context context) {
        List<String> failures = new ArrayList<>();
        try {
            for (QueuedMessage message : messages) {
                try {
                    runs.process(message.body()).ifPresent(report -> LOG.info("Work item {}: {}", message.messageId(), report));
                } catch (RuntimeException e) {
                    LOG.error("Work item {} failed; it will be retried", message.messageId(), e);
                    failures.add(message.messageId());
                }
            }
            return failures;
        } finally {
            flush.run();
        }
    }
}
