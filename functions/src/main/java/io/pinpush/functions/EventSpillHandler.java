package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import io.pinpush.Pinpush;
import io.pinpush.events.SpillReplayer;
import io.pinpush.messaging.Dispatcher.QueuedMessage;
import java.util.List;

/**
 * The event spill replayer, triggered by the spill queue with partial batch responses: a message whose records
 * were all written (or whose rest was spilled again) is done; one whose destination is still down is reported as
 * failed, so SQS offers it again after the visibility timeout and its redrive policy counts the attempts.
 */
public final class EventSpillHandler implements SqsBatchFunction {

    private final SpillReplayer replayer;

    public EventSpillHandler() {
        this(Pinpush.fromEnvironment().spillReplayer().orElseThrow(() ->
                new IllegalStateException("PINPUSH_EVENT_SPILL_QUEUE_URL is not set")));
    }

    public EventSpillHandler(SpillReplayer replayer) {
        this.replayer = replayer;
    }

    @Override
    public List<String> handle(List<QueuedMessage> messages, Context context) {
        return messages.stream().filter(message -> !replayer.replay(message.body())).map(QueuedMessage::messageId).toList();
    }
}
