package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import io.pinpush.Pinpush;
import io.pinpush.events.SpillReplayer;
import java.util.ArrayList;
import java.util.List;

/**
 * The event spill replayer, triggered by the spill queue with partial batch responses: a message whose records
 * were all written (or whose rest was spilled again) is done; one whose destination is still down is reported as
 * failed, so SQS offers it again after the visibility timeout and its redrive policy counts the attempts.
 */
public final class EventSpillHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private final SpillReplayer replayer;

    public EventSpillHandler() {
        this(Pinpush.fromEnvironment().spillReplayer().orElseThrow(() ->
                new IllegalStateException("PINPUSH_EVENT_SPILL_QUEUE_URL is not set")));
    }

    public EventSpillHandler(SpillReplayer replayer) {
        this.replayer = replayer;
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (SQSEvent.SQSMessage message : event.getRecords()) {
            if (!replayer.replay(message.getBody())) {
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }
}
