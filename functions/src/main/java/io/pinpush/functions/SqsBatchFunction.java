package io.pinpush.functions;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import io.pinpush.api.Json;
import io.pinpush.messaging.Dispatcher.QueuedMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;

/**
 * A function fed by an SQS event source with ReportBatchItemFailures (the dispatcher, the dead-letter settler, the
 * campaign runner, the job runner, the event spill replayer). Lambda hands it the event's bytes: it reads the four
 * members of each record it needs with the function's own JSON library, so Lambda's runtime does not load a JSON
 * library of its own to read the event into Lambda's {@code SQSEvent} first (README, Benchmarks (4)), and it answers
 * with the messages to leave on the queue. The local server, the benchmarks and the tests hand it the same bytes.
 */
public interface SqsBatchFunction extends RequestStreamHandler {

    /** Handles a batch; returns the ids of the messages to leave on the queue (the batch item failures). */
    List<String> handle(List<QueuedMessage> messages, Context context);

    @Override
    default void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        BatchItemFailures.write(output, handle(messages(Json.mapper().readTree(input)), context));
    }

    /** The records of an SQS event as Lambda's JSON names them (a body that is not a string reads as none). */
    static List<QueuedMessage> messages(JsonNode event) {
        List<QueuedMessage> messages = new ArrayList<>();
        for (JsonNode record : event.path("Records")) {
            messages.add(new QueuedMessage(record.path("messageId").textValue(), record.path("receiptHandle").textValue(),
                    record.path("body").textValue(),
                    receiveCount(record.path("attributes").path("ApproximateReceiveCount").textValue())));
        }
        return messages;
    }

    /** SQS counts receives, crashed attempts included; that count is the attempt number (1 when it is missing). */
    static int receiveCount(String count) {
        try {
            return count == null ? 1 : Math.max(1, Integer.parseInt(count));
        } catch (NumberFormatException e) {
            return 1;
        }
    }
}
