package io.pinpush.functions;

import io.pinpush.api.Json;
import java.io.IOException;
import java.io.OutputStream;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * The partial batch response a stream handler writes for an SQS or Kinesis event source with ReportBatchItemFailures:
 * {@code {"batchItemFailures": [{"itemIdentifier": ...}]}}, the message ids (SQS) or sequence numbers (Kinesis) to
 * retry. An empty list means the whole batch is done.
 */
final class BatchItemFailures {

    private BatchItemFailures() {
    }

    static void write(OutputStream output, List<String> itemIdentifiers) throws IOException {
        // singletonMap: an identifier may be null (a record without a message id), and the batch must still answer.
        List<Map<String, String>> items = itemIdentifiers.stream()
                .map(id -> Collections.singletonMap("itemIdentifier", id)).toList();
        Json.mapper().writeValue(output, Map.of("batchItemFailures", items));
    }
}
