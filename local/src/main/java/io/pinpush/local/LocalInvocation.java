package io.pinpush.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.pinpush.api.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import software.amazon.awssdk.services.sqs.model.Message;

/**
 * A function invoked as Lambda invokes it: the event's bytes in, its answer read back as JSON. The local server's
 * event sources (SQS pollers, the Kinesis reader) and the tests that replay events go through here, so they take the
 * path a deployed function takes.
 */
public final class LocalInvocation {

    private LocalInvocation() {
    }

    public static JsonNode invoke(RequestStreamHandler handler, byte[] event, Context context) throws IOException {
        ByteArrayOutputStream answer = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(event), answer, context);
        return Json.mapper().readTree(answer.toByteArray());
    }

    public static JsonNode invoke(RequestStreamHandler handler, JsonNode event, Context context) throws IOException {
        return invoke(handler, Json.mapper().writeValueAsBytes(event), context);
    }

    /** The ids a batch function's answer leaves on its queue or shard ({@code batchItemFailures}). */
    public static List<String> batchItemFailures(JsonNode answer) {
        List<String> failed = new ArrayList<>();
        answer.path("batchItemFailures").forEach(failure -> failed.add(failure.path("itemIdentifier").asText()));
        return failed;
    }

    /** The event exactly as Lambda's SQS event source writes it for received messages. */
    public static ObjectNode sqsEvent(List<Message> messages, String queueArn, String region) {
        ObjectNode event = Json.mapper().createObjectNode();
        ArrayNode records = event.putArray("Records");
        for (Message message : messages) {
            ObjectNode record = records.addObject();
            record.put("messageId", message.messageId());
            record.put("receiptHandle", message.receiptHandle());
            record.put("body", message.body());
            ObjectNode attributes = record.putObject("attributes");
            message.attributesAsStrings().forEach(attributes::put);
            record.putObject("messageAttributes");
            record.put("md5OfBody", message.md5OfBody());
            record.put("eventSource", "aws:sqs");
            record.put("eventSourceARN", queueArn);
            record.put("awsRegion", region);
        }
        return event;
    }
}
