package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.pinpush.Pinpush;
import io.pinpush.messaging.Dispatcher;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

/**
 * The dispatcher function: the delivery queue's event source hands it batches of deliveries; it answers which
 * messages must stay on the queue (partial batch failures: ReportBatchItemFailures must be on for the mapping).
 */
public final class DispatcherHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    /** Stop waiting for providers this long before Lambda's deadline, to leave time to record outcomes. */
    static final Duration SETTLE_MARGIN = Duration.ofSeconds(3);

    private final Dispatcher dispatcher;
    private final Clock clock;
    private final Runnable flushEvents;

    public DispatcherHandler() {
        this(Pinpush.fromEnvironment());
    }

    public DispatcherHandler(Pinpush pinpush) {
        this(pinpush.dispatcher(), pinpush.clock(), pinpush::flushAfterInvocation);
    }

    public DispatcherHandler(Dispatcher dispatcher, Clock clock) {
        this(dispatcher, clock, () -> { });
    }

    /** {@code flushEvents} runs at the end of every invocation: events must be written before Lambda freezes us. */
    public DispatcherHandler(Dispatcher dispatcher, Clock clock, Runnable flushEvents) {
        this.dispatcher = dispatcher;
        this.clock = clock;
        this.flushEvents = flushEvents;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<Dispatcher.QueuedMessage> messages = event.getRecords() == null ? List.of() : event.getRecords().stream()
                .map(record -> new Dispatcher.QueuedMessage(record.getMessageId(), record.getReceiptHandle(),
                        record.getBody(), receiveCount(record)))
                .toList();
        long budgetMs = Math.max(0, context.getRemainingTimeInMillis() - SETTLE_MARGIN.toMillis());
        Instant deadline = clock.instant().plusMillis(budgetMs);
        try {
            List<SQSBatchResponse.BatchItemFailure> failures = dispatcher.dispatch(messages, deadline).stream()
                    .map(SQSBatchResponse.BatchItemFailure::new).toList();
            return new SQSBatchResponse(failures);
        } finally {
            flushEvents.run();
        }
    }

    /** SQS counts receives, crashed attempts included; that count is the attempt number. */
    private static int receiveCount(SQSEvent.SQSMessage record) {
        String count = record.getAttributes() == null ? null : record.getAttributes().get("ApproximateReceiveCount");
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
