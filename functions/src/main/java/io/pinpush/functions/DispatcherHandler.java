package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import io.pinpush.Pinpush;
import io.pinpush.functions.priming.ClassPreloader;
import io.pinpush.functions.priming.MessagingPriming;
import io.pinpush.functions.priming.Priming;
import io.pinpush.functions.priming.SdkPriming;
import io.pinpush.messaging.Dispatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The dispatcher function: the delivery queue's event source hands it batches of deliveries; it answers which
 * messages must stay on the queue (partial batch failures: ReportBatchItemFailures must be on for the mapping).
 *
 * <p>Lambda hands it the event's bytes ({@link SqsBatchFunction}).
 */
public final class DispatcherHandler implements SqsBatchFunction {

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

    /** Dispatches the messages before Lambda's deadline (less a margin to record outcomes). */
    @Override
    public List<String> handle(List<Dispatcher.QueuedMessage> messages, Context context) {
        long budgetMs = Math.max(0, context.getRemainingTimeInMillis() - SETTLE_MARGIN.toMillis());
        Instant deadline = clock.instant().plusMillis(budgetMs);
        try {
            return dispatcher.dispatch(messages, deadline, flushEvents);
        } finally {
            flushEvents.run();
        }
    }
}
