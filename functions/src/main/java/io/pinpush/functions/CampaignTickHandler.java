package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import io.pinpush.Pinpush;
import io.pinpush.api.Json;
import io.pinpush.campaigns.run.CampaignTick;
import io.pinpush.functions.priming.Priming;
import io.pinpush.functions.priming.SdkPriming;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The campaign tick: invoked every minute by an EventBridge Scheduler schedule ({@code rate(1 minute)}); the input
 * is ignored. Starts the campaign runs and local-time slices that are due and puts their work items on the
 * campaign work queue. Answers what it did (for the invocation log).
 */
public final class CampaignTickHandler implements RequestStreamHandler {

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

    /** The schedule's event says nothing the tick needs, so it is not read (nor is a JSON library loaded to read it). */
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        Json.mapper().writeValue(output, tick());
    }

    /** One tick; what it did. */
    public Map<String, Object> tick() {
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
