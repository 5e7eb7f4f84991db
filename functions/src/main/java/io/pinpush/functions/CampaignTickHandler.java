package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import io.pinpush.Pinpush;
import io.pinpush.campaigns.run.CampaignTick;
import io.pinpush.functions.priming.Priming;
import io.pinpush.functions.priming.SdkPriming;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The campaign tick: invoked every minute by an EventBridge Scheduler schedule ({@code rate(1 minute)}); the input
 * is ignored. Starts the campaign runs and local-time slices that are due and puts their work items on the
 * campaign work queue. Answers what it did (for the invocation log).
 */
public final class CampaignTickHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {

    private final CampaignTick tick;
    private final Runnable flush;
    /** Held so the CRaC runtime, which keeps resources weakly, still has the hooks at snapshot time. */
    private final Priming priming;

    /** Lambda's constructor: wires the real dependencies once per container and registers SnapStart priming. */
    public CampaignTickHandler() {
        this(Pinpush.fromEnvironment(), true);
    }

    public CampaignTickHandler(Pinpush pinpush) {
        this(pinpush, false);
    }

    private CampaignTickHandler(Pinpush pinpush, boolean snapStart) {
        this.tick = pinpush.campaignRuns().tick();
        this.flush = pinpush::flushAfterInvocation;
        this.priming = snapStart ? priming(pinpush) : null;
    }

    /** The campaign functions use DynamoDB and SQS only (the runner's provider-free path): warm those clients up. */
    static Priming priming(Pinpush pinpush) {
        return Priming.builder()
                .warmUp("aws sdk", () -> {
                    pinpush.aws().dynamoDb();
                    pinpush.aws().sqs();
                    SdkPriming.dynamoDb(pinpush.config().region());
                    SdkPriming.sqs(pinpush.config().region());
                })
                .register();
    }

    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        try {
            CampaignTick.Report report = tick.tick();
            Map<String, Object> answer = new LinkedHashMap<>();
            answer.put("runsStarted", report.runsStarted());
            answer.put("slicesReleased", report.slicesReleased());
            return answer;
        } finally {
            flush.run();
        }
    }
}
