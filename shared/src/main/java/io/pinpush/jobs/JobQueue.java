package io.pinpush.jobs;

import io.pinpush.api.Json;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchRequestEntry;
import software.amazon.awssdk.services.sqs.model.SendMessageBatchResponse;

/** The work queue the job runner function drains ({@code PINPUSH_JOB_QUEUE_URL}): ten messages per SendMessageBatch. */
public final class JobQueue {

    private static final int BATCH = 10;

    private final Supplier<SqsClient> sqs;
    private final Supplier<String> queueUrl;

    public JobQueue(Supplier<SqsClient> sqs, Supplier<String> queueUrl) {
        this.sqs = sqs;
        this.queueUrl = queueUrl;
    }

    void send(List<JobWork> work) {
        String url = queueUrl.get();
        for (int from = 0; from < work.size(); from += BATCH) {
            List<SendMessageBatchRequestEntry> entries = new ArrayList<>();
            for (JobWork item : work.subList(from, Math.min(work.size(), from + BATCH))) {
                entries.add(SendMessageBatchRequestEntry.builder().id(Integer.toString(entries.size()))
                        .messageBody(Json.write(item)).build());
            }
            SendMessageBatchResponse response = sqs.get().sendMessageBatch(b -> b.queueUrl(url).entries(entries));
            if (response.hasFailed() && !response.failed().isEmpty()) {
                throw new IllegalStateException("The job queue refused " + response.failed().size() + " messages: "
                        + response.failed().get(0).message());
            }
        }
    }
}
