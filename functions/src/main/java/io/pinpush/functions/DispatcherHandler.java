package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.Pinpush;
import io.pinpush.api.Json;
import io.pinpush.functions.priming.ClassPreloader;
import io.pinpush.functions.priming.MessagingPriming;
import io.pinpush.functions.priming.Priming;
import io.pinpush.functions.priming.SdkPriming;
import io.pinpush.messaging.Dispatcher;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * The dispatcher function: the delivery queue's event source hands it batches of deliveries; it answers which
 * messages must stay on the queue (partial batch failures: ReportBatchItemFailures must be on for the mapping).
 *
 * <p>A stream handler: it reads the four members of the SQS event it needs with the JSON library the function has
 * loaded anyway. A {@code RequestHandler<SQSEvent, ...>} would have Lambda's runtime read the event into its classes
 * first, with a second JSON library of its own, on every cold start (README, Benchmarks (4)). The local server and
 * tests hand it Lambda's event class ({@link #handle}).
 */
public final class DispatcherHandler implements RequestStreamHandler {

    /** Stop waiting for providers this long before Lambda's deadline, to leave time to record outcomes. */
    public static final Duration SETTLE_MARGIN = Duration.ofSeconds(3);

    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Runnable flushEvents;
    /** Held so the CRaC runtime, which keeps resources weakly, still has the hooks at snapshot time. */
    private final Priming priming;

    /** Lambda's constructor: wires the real dependencies once per container and registers SnapStart priming. */
    public DispatcherHandler() {
        this(ClassPreloader.startThenWire("dispatcher"), true);
    }

    public DispatcherHandler(Pinpush pinpush) {
        this(pinpush, false);
    }

    private DispatcherHandler(Pinpush pinpush, boolean snapStart) {
        // The dispatcher's provider gateway creates no provider client (Pushy's ApnsClient, the HTTP/2 client)
        // until the first push, which comes after the restore: the snapshot holds no connection.
        this.dispatcher = pinpush.dispatcher();
        this.clock = pinpush.clock();
        this.flushEvents = pinpush::flushAfterInvocation;
        this.priming = snapStart ? priming(pinpush.config().region(), pinpush) : null;
    }

    public DispatcherHandler(Dispatcher dispatcher, Clock clock) {
        this(dispatcher, clock, () -> { });
    }

    /** {@code flushEvents} runs at the end of every invocation: events must be written before Lambda freezes us. */
    public DispatcherHandler(Dispatcher dispatcher, Clock clock, Runnable flushEvents) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.flushEvents = flushEvents;
        this.priming = null;
    }

    private static Priming priming(String region, Pinpush pinpush) {
        return Priming.builder()
                .warmUp("json", MessagingPriming::json)
                .warmUp("lazy parts", pinpush::warmUp)
                // A throwaway APNs client, built and closed: the first push after a restore then finds Netty, Pushy
                // and the TLS context loaded and only connects (README, Benchmarks (4)).
                .warmUp("apns", pinpush::warmUpApns)
                .warmUp("aws sdk", () -> {
                    // Builds the function's own clients (no connection is opened until the first request)...
                    pinpush.aws().dynamoDb();
                    pinpush.aws().sqs();
                    pinpush.aws().secretsManager(); // channel credentials, read on a channel cache miss
                    // ...and runs representative calls through throwaway ones that stop before sending.
                    SdkPriming.dynamoDb(region);
                    SdkPriming.sqs(region);
                })
                // Nothing to re-create after a restore: no provider client exists before the first push (the warm-up's
                // is closed), and the AWS SDK clients connect (and fetch SnapStart's container credentials) on first use.
                .register();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        BatchItemFailures.write(output, dispatch(queuedMessages(Json.mapper().readTree(input)), context));
    }

    /** The same as {@link #handleRequest}, for a caller that holds the event as Lambda's class (the local server). */
    public SQSBatchResponse handle(SQSEvent event, Context context) {
        return new SQSBatchResponse(dispatch(queuedMessages(event), context).stream()
                .map(SQSBatchResponse.BatchItemFailure::new).toList());
    }

    /** Dispatches the messages; returns the ids of those to leave on the queue. */
    private List<String> dispatch(List<Dispatcher.QueuedMessage> messages, Context context) {
        long budgetMs = Math.max(0, context.getRemainingTimeInMillis() - SETTLE_MARGIN.toMillis());
        Instant deadline = clock.instant().plusMillis(budgetMs);
        try {
            return dispatcher.dispatch(messages, deadline, flushEvents);
        } finally {
            flushEvents.run();
        }
    }

    /** The records of an SQS event as Lambda's JSON names them (a body that is not a string is a poison message). */
    static List<Dispatcher.QueuedMessage> queuedMessages(JsonNode event) {
        List<Dispatcher.QueuedMessage> messages = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            messages.add(new Dispatcher.QueuedMessage(record.path("messageId").textValue(),
                    record.path("receiptHandle").textValue(), record.path("body").textValue(),
                    receiveCount(record.path("attributes").path("ApproximateReceiveCount").textValue())));
        }
        return messages;
    }

    /** The event's records as the dispatcher (and the dead-letter settler) read them. */
    static List<Dispatcher.QueuedMessage> queuedMessages(SQSEvent event) {
        return event.getRecords() == null ? List.of() : event.getRecords().stream()
                .map(record -> new Dispatcher.QueuedMessage(record.getMessageId(), record.getReceiptHandle(),
                        record.getBody(), receiveCount(record)))
                .toList();
    }

    /** SQS counts receives, crashed attempts included; that count is the attempt number. */
    static int receiveCount(SQSEvent.SQSMessage record) {
        return receiveCount(record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount"));
    }

    private static int receiveCount(String count) {
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
