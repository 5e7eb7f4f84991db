package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import io.pinpush.Pinpush;
import io.pinpush.messaging.DeadLetterSettler;
import io.pinpush.messaging.Dispatcher.QueuedMessage;
import java.util.List;

/**
 * The dead-letter function, triggered by the delivery dead-letter queue with partial batch responses: each delivery
 * that got there without an outcome is recorded UNKNOWN_FAILURE and streamed like any outcome
 * ({@link DeadLetterSettler}). Poison messages are moved to the poison queue by the settler (the dead-letter queue
 * has no redrive policy); those it cannot move stay, reported as failed.
 */
public final class DeadLetterHandler implements SqsBatchFunction {

    private final DeadLetterSettler settler;
    private final Runnable flushEvents;

    /** Lambda's constructor. Rarely invoked, so no SnapStart priming: its first event loads what it needs. */
    public DeadLetterHandler() {
        this(Pinpush.fromEnvironment());
    }

    public DeadLetterHandler(Pinpush pinpush) {
        this(pinpush.deadLetters(), pinpush::flushAfterInvocation);
    }

    /** {@code flushEvents} runs at the end of every invocation: events must be written before Lambda freezes us. */
    public DeadLetterHandler(DeadLetterSettler settler, Runnable flushEvents) {
        this.settler = settler;
        this.flushEvents = flushEvents;
    }

    @Override
    public List<String> handle(List<QueuedMessage> messages, Context context) {
        try {
            return settler.settle(messages);
        } finally {
            flushEvents.run();
        }
    }
}
