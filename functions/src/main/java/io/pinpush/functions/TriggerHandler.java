package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.Pinpush;
import io.pinpush.api.Json;
import io.pinpush.functions.priming.Priming;
import io.pinpush.functions.priming.SdkPriming;
import io.pinpush.triggers.TriggerEvaluator;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The trigger function: the deployment stream's Kinesis event source hands it batches of events; it matches them
 * against the event-triggered campaigns and answers which records must be retried (ReportBatchItemFailures:
 * Lambda resumes the shard from the first failed sequence number; records already claimed send nothing again).
 *
 * <p>A stream handler, like the API, send and dispatcher functions: it reads each record's sequence number and data
 * itself, so Lambda's runtime does not load a JSON library of its own to read the event first (README, Benchmarks
 * (4)); an event-triggered push waits for this function's cold starts.
 */
public final class TriggerHandler implements RequestStreamHandler {

    private static final Logger LOG = LoggerFactory.getLogger(TriggerHandler.class);

    private final TriggerEvaluator evaluator;
    private final Runnable flushEvents;
    /** Held so the CRaC runtime, which keeps resources weakly, still has the hooks at snapshot time. */
    private final Priming priming;

    /** Lambda's constructor: wires the real dependencies once per container and registers SnapStart priming. */
    public TriggerHandler() {
        this(Pinpush.fromEnvironment(), true);
    }

    public TriggerHandler(Pinpush pinpush) {
        this(pinpush, false);
    }

    private TriggerHandler(Pinpush pinpush, boolean snapStart) {
        this.evaluator = pinpush.triggers();
        this.flushEvents = pinpush::flushAfterInvocation;
        this.priming = snapStart ? Priming.builder()
                .warmUp("aws sdk", () -> {
                    pinpush.aws().dynamoDb();
                    SdkPriming.dynamoDb(pinpush.config().region());
                })
                .register() : null;
    }

    /** {@code flushEvents} runs at the end of every invocation: events must be written before Lambda freezes us. */
    public TriggerHandler(TriggerEvaluator evaluator, Runnable flushEvents) {
        this.evaluator = evaluator;
        this.flushEvents = flushEvents;
        this.priming = null;
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        List<TriggerEvaluator.Input> inputs = new ArrayList<>();
        for (JsonNode record : Json.mapper().readTree(input).path("Records")) {
            JsonNode kinesis = record.path("kinesis");
            inputs.add(new TriggerEvaluator.Input(kinesis.path("sequenceNumber").asText(), data(kinesis.path("data").asText())));
        }
        BatchItemFailures.write(output, evaluate(inputs));
    }

    /** A record's data; data that is not base64 reads as no event (the evaluator counts it unreadable), not a failed batch. */
    private static String data(String base64) {
        try {
            return new String(Base64.getDecoder().decode(base64), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException notBase64) {
            return "";
        }
    }

    /** Evaluates the records; returns the sequence numbers to retry. */
    private List<String> evaluate(List<TriggerEvaluator.Input> inputs) {
        try {
            TriggerEvaluator.Report report = evaluator.evaluate(inputs);
            if (report.sent() > 0 || !report.failedIds().isEmpty()) {
                LOG.info("Trigger batch: {} events, {} sends, skipped {}, {} records to retry", report.events(),
                        report.sent(), report.skipped(), report.failedIds().size());
            }
            return report.failedIds();
        } finally {
            flushEvents.run();
        }
    }
}
